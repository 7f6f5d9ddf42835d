// Procurement notices in structured XML (EU eForms), read exactly like e-invoices are.
export { looksLikeNotice } from './detect';
export { isCallForCompetition, type Notice, type NoticeDate, readNotice } from './eforms';
