// Copying text: the browser clipboard first, then Wails' runtime (WebKitGTK may
// refuse navigator.clipboard outside a user gesture or a secure context).
import { ClipboardSetText } from '../../../wailsjs/runtime/runtime';
import { ApiError } from './errors';

export async function copyText(text: string): Promise<void> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    // Fall through to the runtime.
  }
  let ok = false;
  try {
    ok = await ClipboardSetText(text);
  } catch {
    ok = false;
  }
  if (!ok) throw new ApiError('Could not copy to the clipboard; select the text and press Ctrl+C.');
}
