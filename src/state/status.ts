/**
 * The status bar's message. A message about one rule (exported, copied, a test saved) belongs to
 * that rule and shows only while it is selected; a message about the workspace (files opened, a
 * zip exported, a rule closed) shows whatever is selected. The newest message replaces the last.
 */
export interface StatusMessage {
  text: string;
  /** The rule the message is about, or null for the whole workspace. */
  ruleId: string | null;
}

export interface StatusData {
  message: StatusMessage | null;
}

export interface StatusActions {
  showStatus(text: string, ruleId?: string | null): void;
  clearStatus(): void;
}

/** The text to show while `selectedId` is the selected rule, or null. */
export function visibleStatus(message: StatusMessage | null, selectedId: string | null): string | null {
  if (!message) return null;
  return message.ruleId === null || message.ruleId === selectedId ? message.text : null;
}
