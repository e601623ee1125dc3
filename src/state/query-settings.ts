/**
 * Selectors (on the root state, or any view with the workspace's fields) for the settings the selected rule gives its query (timestamp field, language) and
 * what the page knows of that language, so components never read rule data or registries.
 */
import type { QueryLanguageInfo } from '../languages/language.ts';
import { languageInfoFor } from '../languages/infos.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import type { WorkspaceData } from './studio.ts';
import { selectedEntry } from './workspace-slice.ts';

/** `timestamp_override` of the selected rule, else `@timestamp`. */
export const selectTimestampField = (s: WorkspaceData): string => querySettingsOf(selectedEntry(s)?.rule.data).timestampField;

/** What the page knows of the selected rule's query language (the same object on every call). */
export const selectLanguageInfo = (s: WorkspaceData): QueryLanguageInfo => languageInfoFor(querySettingsOf(selectedEntry(s)?.rule.data).language);
