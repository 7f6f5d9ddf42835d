// Column headings of line-item tables, in German, English, French, Dutch, Spanish and Italian: shared by the
// item reader and the totals reader (which must not take an item table's header for a totals table's).
export const DESCRIPTION =
  /(Beschreibung|Bezeichnung|Leistung|Gegenstand|Tätigkeit|Artikel|Produkt|Position|Prestation|Prestazione|Description|Item|Service|Details|Particulars|Désignation|Libellé|Article|Produit|Omschrijving|Product|Concepto|Descripci[óo]n|Art[íi]culo|Descrizione|Articolo|Prodotto)/i;
export const QUANTITY =
  /(Menge|Anzahl|Stunden|Std|Qty|Quantity|Hours|Units|Tage|Days|Qté|Quantité|Nombre|Aantal|Hoeveelheid|Cantidad|\bCant\b\.?|Unidades|Uds|Quantit[àa]|Q\.t[àa]|Qt[àa]|\bOre\b|\bGiorni\b|\bHeures\b|\bJours\b|\bUren\b|\bDagen\b|\bHoras\b|\bD[íi]as\b|\bHrs\b)/i;

/** A header row of line items: it names a description or a quantity column. */
export const isItemTableHeader = (cells: string[]) =>
  cells.some((cell) => DESCRIPTION.test(cell) || QUANTITY.test(cell));
