// The confirmation after Taper saved files (a report, a chart, an export, a backup): their names,
// never a raw path, and "Show in folder", which opens the file manager on the first of them.

import { api, normaliseError } from "./api";
import { exportedText } from "./share";
import type { Toast } from "./toast";

/** Says what was saved (`text`, else the files' names) with "Show in folder". */
export function showSaved(toast: Toast, paths: string[], text?: string): void {
  if (paths.length === 0) return;
  toast.show(
    text ?? exportedText(paths),
    async () => {
      try {
        await api.revealFile(paths[0]);
      } catch (e) {
        toast.show(normaliseError(e).message);
      }
    },
    "Show in folder",
    false,
  );
}
