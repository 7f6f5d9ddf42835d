// Every AI module Engage can install, by code. Adding a module is one file in ./modules plus a line here.
import { ctaxModule } from './modules/ctax';
import { leadsModule } from './modules/leads';
import { tenderModule } from './modules/tender';
import type { AiModuleDefinition, AnyTaskTypeDefinition } from './types';

export const MODULES: Record<string, AiModuleDefinition> = {
  [tenderModule.code]: tenderModule,
  [ctaxModule.code]: ctaxModule,
  [leadsModule.code]: leadsModule,
};

export function isKnownModule(code: string): boolean {
  return Object.hasOwn(MODULES, code);
}

export function taskTypeOf(module: string, type: string): AnyTaskTypeDefinition | null {
  const definition = MODULES[module];
  if (!definition || !Object.hasOwn(definition.taskTypes, type)) return null;
  return definition.taskTypes[type] ?? null;
}
