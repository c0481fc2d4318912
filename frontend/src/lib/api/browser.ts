// Opening a link from an entry: always in the system browser, never inside
// the app's own window, and only for web links.
import { BrowserOpenURL } from '../../../wailsjs/runtime/runtime';
import { isWebLink } from '../links';

/** openExternal hands an http(s) URL to the system browser; anything else is ignored. */
export function openExternal(href: string): boolean {
  if (!isWebLink(href)) return false;
  try {
    BrowserOpenURL(href);
    return true;
  } catch {
    return false;
  }
}
