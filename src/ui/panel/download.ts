/**
 * Saves a file the user asked for through the browser's own download (an object URL on a clicked link): no
 * `downloads` permission, and the pieces go into a Blob as they are, never joined into one string first.
 */
export function saveFile(name: string, parts: readonly string[], type: string): void {
  const url = URL.createObjectURL(new Blob([...parts], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // The browser reads the URL after the click returns; revoking at once can cancel the download in some versions.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
