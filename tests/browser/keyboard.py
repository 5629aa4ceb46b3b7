"""Keyboard-only helpers: reach an element by pressing Tab, as a keyboard user would."""


def tab_to(page, text: str, *, limit: int = 150) -> None:
    """Press Tab until a focused control (link, button, field) has `text` in its text, label or value."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const el = document.activeElement;
                if (!el || !el.matches("a, button, input, select, textarea, summary")) return "";
                const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
                return [el.innerText || "", el.value || "", el.getAttribute("aria-label") || "", label].join(" | "); }"""
        )
        if text in focused:
            return
    raise AssertionError(f"Could not reach {text!r} with the Tab key in {limit} presses on {page.url}")
