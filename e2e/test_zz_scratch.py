import pytest
pytestmark = pytest.mark.browser

@pytest.mark.parametrize("width", [1000, 1200, 1366, 1400, 1600])
def test_measure(world, log_in, page, width):
    log_in(world.admin)
    page.set_viewport_size({"width": width, "height": 900})
    print(width, page.evaluate("""() => {
      const r = (s) => [...document.querySelectorAll(s)].map(e => Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height));
      return {brand: r('.navbar-brand'), items: r('#nav-main .me-auto .nav-link'), search: r('.nav-search'), user: r('.dropdown-toggle'), nav: r('.navbar'), collapse: r('#nav-main'), scroll: document.documentElement.scrollWidth};
    }"""))
    for el in page.query_selector_all("#nav-main .me-auto .nav-link"):
        el.evaluate("e => e.style.whiteSpace = 'nowrap'")
    print('nowrap', page.evaluate("""() => {
      const r = (s) => [...document.querySelectorAll(s)].map(e => Math.round(e.getBoundingClientRect().width));
      return {brand: r('.navbar-brand'), items: r('#nav-main .me-auto .nav-link'), search: r('.nav-search'), user: r('.dropdown-toggle'), scroll: document.documentElement.scrollWidth};
    }"""))
