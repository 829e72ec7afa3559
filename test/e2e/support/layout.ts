/**
 * Geometry of the SAML panel as a user sees it, measured in the page (Chromium through Playwright, Firefox through
 * Puppeteer: `page.evaluate(panelGeometry)`). The function is self-contained: it runs in the page, not in Node.
 */
export interface PanelGeometry {
  /** Everything a user would see as broken: a column cut off or overlapping, a hidden detail, a page that scrolls. */
  readonly problems: string[];
  /** Where the details are: beside the list or below it. */
  readonly detail: "beside" | "below" | "absent";
  /** The list's column headers that are shown, left to right. */
  readonly columns: string[];
  readonly scrollHeight: number;
  readonly innerHeight: number;
}

export function panelGeometry(): PanelGeometry {
  const problems: string[] = [];
  const EPSILON = 0.5;
  const box = (element: Element) => element.getBoundingClientRect();
  const shown = (element: Element) => getComputedStyle(element).display !== "none" && box(element).width > 0;
  const label = (element: Element) => `${element.className || element.tagName}${element.textContent ? ` "${element.textContent.slice(0, 30)}"` : ""}`;
  const intersects = (a: DOMRect, b: DOMRect) => a.left < b.right - EPSILON && b.left < a.right - EPSILON && a.top < b.bottom - EPSILON && b.top < a.bottom - EPSILON;
  /** Cells side by side inside `container`, none cut off by its edges, none over its neighbour. */
  const checkCells = (cells: Element[], container: DOMRect, where: string) => {
    let previous: DOMRect | undefined;
    for (const cell of cells) {
      const rect = box(cell);
      if (rect.left < container.left - EPSILON || rect.right > container.right + EPSILON) problems.push(`${where}: ${label(cell)} is cut off (${rect.left}–${rect.right} outside ${container.left}–${container.right})`);
      if (previous !== undefined && rect.left < previous.right - EPSILON) problems.push(`${where}: ${label(cell)} overlaps the column before it`);
      previous = rect;
    }
  };

  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + EPSILON) problems.push(`the page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
  if (doc.scrollHeight > window.innerHeight + EPSILON) problems.push(`the page is ${doc.scrollHeight} px tall in a ${window.innerHeight} px window`);

  const list = document.querySelector(".message-list");
  const head = document.querySelector(".list-head");
  if (list === null || head === null) return { problems: [...problems, "no message list"], detail: "absent", columns: [], scrollHeight: doc.scrollHeight, innerHeight: window.innerHeight };
  const listBox = box(list);
  const headCells = [...head.children].filter(shown);
  checkCells(headCells, listBox, "list header");
  for (const cell of headCells) if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`list header: ${label(cell)} is truncated`);
  for (const row of document.querySelectorAll(".mrow")) {
    const cells = [...row.children].filter(shown);
    if (cells.length !== headCells.length) problems.push(`row ${row.getAttribute("data-row")}: ${cells.length} columns under ${headCells.length} headers`);
    checkCells(cells, listBox, `row ${row.getAttribute("data-row")}`);
    cells.forEach((cell, index) => {
      const header = headCells[index];
      if (header !== undefined && Math.abs(box(header).left - box(cell).left) > 1) problems.push(`row ${row.getAttribute("data-row")}: ${label(cell)} is not under its header ${label(header)}`);
      // Only the issuer and a verdict's condition ("Accepted if the Issuer is …") may give way with an ellipsis, their
      // full text in the tooltip; the verdict's first words stay readable (64 px); the other values are short.
      const content = cell.classList.contains("verdict") ? cell.querySelector<HTMLElement>(".badge") : cell;
      const givesWay = cell.classList.contains("issuer") || (content !== cell && content instanceof HTMLElement && content.title !== "" && content.clientWidth >= 64);
      if (!givesWay && content !== null && content.scrollWidth > content.clientWidth + 1) problems.push(`row ${row.getAttribute("data-row")}: ${label(cell)} is truncated`);
      if (content !== null && content !== cell) checkCells([content], box(cell), `row ${row.getAttribute("data-row")} verdict`);
    });
    const issuer = row.querySelector(".issuer");
    if (issuer !== null && box(issuer).width < 60) problems.push(`row ${row.getAttribute("data-row")}: the issuer has ${box(issuer).width} px`);
  }

  const detailElement = document.querySelector('[data-testid="detail"]');
  let detail: PanelGeometry["detail"] = "absent";
  if (detailElement !== null) {
    const detailBox = box(detailElement);
    detail = detailBox.top >= listBox.bottom - EPSILON ? "below" : "beside";
    if (intersects(detailBox, listBox)) problems.push("the details overlap the list");
    if (detailBox.height < 150 || detailBox.width < 300) problems.push(`the details get ${detailBox.width}×${detailBox.height} px`);
    if (detailBox.bottom > window.innerHeight + EPSILON || detailBox.right > window.innerWidth + EPSILON) problems.push("the details reach outside the window");
    const title = detailElement.querySelector('[data-testid="detail-kind"]');
    if (title !== null) {
      const titleBox = box(title);
      const atCentre = document.elementFromPoint(titleBox.left + titleBox.width / 2, titleBox.top + titleBox.height / 2);
      if (atCentre === null || !title.contains(atCentre)) problems.push(`the details' title is covered by ${atCentre === null ? "nothing visible" : label(atCentre)}`);
      if (intersects(titleBox, box(head))) problems.push("the list header overlaps the details' title");
    }
    const tabs = [...detailElement.querySelectorAll('[role="tab"]')];
    for (const tab of tabs) {
      const tabBox = box(tab);
      if (tabBox.right > detailBox.right + EPSILON || tabBox.left < detailBox.left - EPSILON) problems.push(`tab ${label(tab)} is cut off`);
    }
  }
  return { problems, detail, columns: headCells.map((cell) => cell.textContent ?? ""), scrollHeight: doc.scrollHeight, innerHeight: window.innerHeight };
}
