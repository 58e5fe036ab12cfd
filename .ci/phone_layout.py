"""Checks a page as a phone shows it (375 px), in the browser axe_audit.py already drives:
headings do not break a word in the middle, and every statistics table either fits or scrolls
sideways with its label column in view (issue 30). And from the start page and a deep page, a
region page is two taps away: the menu button, then the region (when the site has regions).
"""

LAYOUT = r"""
const problems = [];
// A word of a heading drawn on two lines (not at a hyphen or dash of its own) that would fit
// on one: broken mid-word.
for (const h of document.querySelectorAll('main h1, main h2, main h3')) {
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    const re = /[^\s\u00ad\-\u2013\u2014]+/g;
    let m;
    while ((m = re.exec(text))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      const tops = new Set(rects.map(r => Math.round(r.top)));
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      // A word wider than the heading must break (a phone that knows Swedish hyphenates it,
      // hyphens: auto); one that would fit on a line of its own must not.
      if (tops.size > 1 && width <= h.clientWidth) problems.push(`the heading "${h.textContent.trim()}" breaks the word "${m[0]}" (${Math.round(width)} of ${h.clientWidth} px)`);
    }
  }
}
// A table that fits, or that scrolls in its frame with the label column sticky; the frame
// itself inside the screen; no cell's text cut off in its box.
for (const frame of document.querySelectorAll('.statik-table')) {
  const table = frame.querySelector('table');
  if (!table) continue;
  const caption = (table.querySelector('caption') || {}).textContent || table.id;
  const box = frame.getBoundingClientRect();
  if (box.right > window.innerWidth + 1) problems.push(`the table "${caption.trim()}" is wider than the screen`);
  if (frame.scrollWidth > frame.clientWidth + 1) {
    for (const row of table.querySelectorAll('tbody tr')) {
      const first = row.firstElementChild;
      if (first && getComputedStyle(first).position !== 'sticky') {
        problems.push(`the table "${caption.trim()}" scrolls but its label column does not stay in view`);
        break;
      }
    }
  }
  for (const cell of table.querySelectorAll('th, td')) {
    if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`a cell of "${caption.trim()}" is cut: "${cell.textContent.trim()}"`);
  }
}
return problems;
"""


def layout_problems(driver):
    """What is wrong with the page as the browser draws it now."""
    return driver.execute_script(LAYOUT)


def two_taps(driver, base, start, region_path, region_name):
    """Problems reaching `region_path` from `start` with two taps: the menu button, the region."""
    from selenium.webdriver.common.by import By
    driver.get(base + start)
    toggles = driver.find_elements(By.CSS_SELECTOR, ".statik-menu-toggle > summary")
    if not toggles:
        return [f"{start or '/'}: no menu button"]
    toggles[0].click()
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, "nav.statik-menu a") if a.text.strip() == region_name and a.is_displayed()]
    if not links:
        return [f"{start or '/'}: after one tap on the menu button, no link '{region_name}' is shown"]
    links[0].click()
    if not driver.current_url.endswith(region_path):
        return [f"{start or '/'}: the second tap led to {driver.current_url}, not {region_path}"]
    return []
