"""A minimal W3C WebDriver client (standard library only) for chromedriver + Debian's
headless Chromium. Waits poll a condition until a deadline; nothing sleeps blindly."""
import base64
import json
import subprocess
import time
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class WebDriverError(RuntimeError):
    pass


def _call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read() or b"{}").get("value")
    except urllib.error.HTTPError as e:
        raise WebDriverError(f"{method} {url}: {e.code} {e.read()[:500]!r}") from None


def wait_until(condition, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except (WebDriverError, OSError) as e:  # OSError: the port is not listening yet
            last_error = e
        time.sleep(0.1)  # polling interval of a deadline-bounded wait
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}; last error: {last_error}")


class Browser:
    def __init__(self, chromedriver="/usr/bin/chromedriver", chromium="/usr/bin/chromium",
                 port=9515, width=1400, height=1000):
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([chromedriver, f"--port={port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: _call("GET", self.base + "/status").get("ready"), 30, "chromedriver")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                f"--window-size={width},{height}"]}}}}
        self.session = _call("POST", self.base + "/session", caps)["sessionId"]
        self.url = f"{self.base}/session/{self.session}"

    def close(self):
        try:
            _call("DELETE", self.url)
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def get(self, url):
        _call("POST", self.url + "/url", {"url": url})

    def find_all(self, css):
        found = _call("POST", self.url + "/elements", {"using": "css selector", "value": css})
        return [e[ELEMENT] for e in found]

    def text(self, element):
        return _call("GET", f"{self.url}/element/{element}/text")

    def click(self, element):
        _call("POST", f"{self.url}/element/{element}/click", {})

    def select(self, css, value):
        self.execute(f"const s=document.querySelector({json.dumps(css)}); s.value={json.dumps(value)};"
                     "s.dispatchEvent(new Event('change'));")

    def execute(self, script):
        return _call("POST", self.url + "/execute/sync", {"script": script, "args": []})

    def screenshot(self, path):
        png = base64.b64decode(_call("GET", self.url + "/screenshot"))
        with open(path, "wb") as f:
            f.write(png)
