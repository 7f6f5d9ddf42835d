// The module definitions as the pipeline sees them: task types, open inputs, schemas, instructions.
import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import { tenderModule } from '../../src/modules/ai/modules/tender';
import { documentFromText } from '../../src/modules/ai/text';

describe('AI module definitions', () => {
  it('declare their task types under their codes', () => {
    expect([ctaxModule.code, Object.keys(ctaxModule.taskTypes)]).toEqual(['CTAX', ['process_invoice']]);
    expect([tenderModule.code, Object.keys(tenderModule.taskTypes)]).toEqual(['TENDER', ['parse_rfp']]);
  });

  it('accept any extra input options (file_id, text and review notes belong to the pipeline)', () => {
    for (const type of [ctaxModule.taskTypes.process_invoice, tenderModule.taskTypes.parse_rfp]) {
      expect(type?.input.parse({ file_id: 'f_1', notes: 'check the IBAN' })).toEqual({
        file_id: 'f_1',
        notes: 'check the IBAN',
      });
      expect(type?.input.safeParse('not an object').success).toBe(false);
    }
  });

  it('have output schemas that convert to JSON Schema for a constrained model prompt', () => {
    for (const type of [ctaxModule.taskTypes.process_invoice, tenderModule.taskTypes.parse_rfp]) {
      const schema = z.toJSONSchema(type?.output ?? z.never()) as { type?: string; required?: string[] };
      expect(schema.type).toBe('object');
      expect(schema.required).toContain('source');
      // The prompt explains every field the model must return (what it is "about the reading" aside).
      const described = (schema.required ?? []).filter((key) => !['learned'].includes(key));
      for (const key of described) expect(type?.instructions, key).toContain(key);
    }
  });

  it('give an empty document a valid, untrusted result', () => {
    const doc = documentFromText('');
    for (const type of [ctaxModule.taskTypes.process_invoice, tenderModule.taskTypes.parse_rfp]) {
      const result = type?.embedded(doc);
      expect(type?.output.safeParse(result?.output).success).toBe(true);
      // Only "no lots to miss" can count for an empty RFP.
      expect(result?.confidence).toBeLessThan(5);
      expect(result?.checks[0]).toMatchObject({ name: 'required_fields_present', passed: false });
    }
  });
});
