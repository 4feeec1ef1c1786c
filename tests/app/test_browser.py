"""The real app in headless Chromium (Debian's chromium and chromedriver, driven
by Selenium): a manager loads the small sample week, builds the rota, sees the
timeline, records an answer and publishes; a support worker then sees their own
week and nobody else's. Screenshots go to the test's output folder (or to
ROTA_SCREENSHOTS when set, e.g. docs/images)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rota.store import ENV_URL, Store

from .conftest import APP, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PASSWORD = "long enough"

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path):  # type: ignore[no-untyped-def]
    """The app served on loopback over an empty store with four accounts."""
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium and chromium-driver (.ci/run)")
        pytest.skip("no chromium/chromedriver installed")
    url = f"sqlite:///{tmp_path / 'app.db'}"
    store = Store(url)
    store.add_account("mo", PASSWORD, role="manager", by="test")
    store.add_account("claire", PASSWORD, role="staff", worker_id="W001", by="test")
    store.close()
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            APP,
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=os.environ | {ENV_URL: url},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}", url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def browser(tmp_path, request):  # type: ignore[no-untyped-def]
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chrome'}",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=DRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.save_screenshot(str(tmp_path / "last.png"))  # what it showed at the end
    print(f"last screen: {tmp_path / 'last.png'}")
    driver.quit()


class Page:
    """A few verbs over Streamlit's rendered page."""

    def __init__(self, driver, shots: Path) -> None:  # type: ignore[no-untyped-def]
        self.driver = driver
        self.shots = shots
        self.wait = WebDriverWait(driver, 90)

    def settle(self) -> None:
        """Wait until the app has finished its rerun."""
        time.sleep(0.5)
        self.wait.until(
            lambda d: (
                not d.find_elements(By.CSS_SELECTOR, "[data-testid='stStatusWidget']")
            )
        )
        time.sleep(0.3)

    def type(self, label: str, text: str) -> None:
        field = self.wait.until(
            ec.element_to_be_clickable(
                (By.CSS_SELECTOR, f"input[aria-label='{label}']")
            )
        )
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(text, Keys.TAB)  # Streamlit takes the value on blur
        self.settle()

    def click(self, text: str) -> None:
        xpath = f"//button[normalize-space(.)='{text}']"
        button = self.wait.until(ec.element_to_be_clickable((By.XPATH, xpath)))
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'});", button
        )
        button.click()
        self.settle()

    def nav(self, title: str) -> None:
        link = self.wait.until(
            ec.element_to_be_clickable(
                (
                    By.XPATH,
                    f'//a[@data-testid="stSidebarNavLink"][contains(., "{title}")]',
                )
            )
        )
        link.click()
        self.settle()

    def see(self, text: str, seconds: float = 90) -> None:
        WebDriverWait(self.driver, seconds).until(
            lambda d: text in d.find_element(By.TAG_NAME, "body").text
        )

    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def shot(self, name: str) -> None:
        self.driver.save_screenshot(str(self.shots / f"{name}.png"))


def test_manager_builds_and_publishes_then_a_worker_sees_only_their_week(
    server, browser, tmp_path
):
    """The whole path a manager and a worker take, in a real browser."""
    address, url = server
    shots = Path(os.environ.get("ROTA_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    page = Page(browser, shots)
    browser.get(address)
    page.see("Sign in")
    page.shot("01-sign-in")
    page.type("Username", "mo")
    page.type("Password", PASSWORD)
    page.click("Sign in")
    page.see("Week data")
    radio = page.wait.until(
        ec.element_to_be_clickable((By.XPATH, "//label[contains(., 'A sample week')]"))
    )
    radio.click()
    page.settle()
    page.click("Check the sample week")
    page.see("warning")
    page.click("Save this week")
    page.see("Saved as the data of")
    page.see("workers.csv")
    page.shot("02-week-data")

    page.nav("Build rota")
    page.type("Time limit (seconds)", "10")
    page.click("Build rota")
    page.see("Searching", 30)
    page.shot("03-building")
    page.see("Coverage", 120)
    page.see("Uncovered sessions")
    page.wait.until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".js-plotly-plot .bars"))
    )
    page.shot("04-build")

    page.nav("Negotiate")
    page.see("would")
    yes = page.wait.until(
        ec.element_to_be_clickable((By.XPATH, "//button[normalize-space(.)='Yes']"))
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", yes)
    yes.click()
    page.settle()
    page.see("Answered: yes")
    page.shot("05-negotiate")

    page.nav("Publish")
    page.type("Note for the history", "first week")
    page.click("Publish")
    page.see("Published version 1")
    page.see("Change notices")
    page.shot("06-publish")

    page.nav("Person's week")
    page.see("Different workers")
    page.shot("07-person")

    page.click("Sign out")
    page.see("Sign in")
    page.type("Username", "claire")
    page.type("Password", PASSWORD)
    page.click("Sign in")
    page.see("My week")
    page.see("Requests for you")
    text = page.text()
    store = Store(url)
    [week] = store.weeks()
    problem = store.week_data(week)
    assert problem is not None
    others = [w.name for w in problem.workers if w.worker_id != "W001"]
    assert problem.worker_by_id["W001"].name in text
    assert not [name for name in others if name in text]
    assert "Build rota" not in text and "Publish a rota" not in text
    page.shot("08-my-week")
    browser.set_window_size(390, 900)
    page.settle()
    page.shot("09-my-week-phone")
    browser.set_window_size(1400, 1000)
    # A manager page's address typed in: a new session signs in first, and then
    # shows the worker their own page, never the manager's.
    browser.get(f"{address}/build")
    page.see("Sign in")
    page.type("Username", "claire")
    page.type("Password", PASSWORD)
    page.click("Sign in")
    page.see("My week")
    assert "Uncovered sessions" not in page.text()
    assert "Build rota" not in page.text()
    store.close()
