//! Debian's Chromium, headless, driven over the Chrome DevTools Protocol: navigate, evaluate,
//! type, take screenshots, and keep every console message, exception and request the page
//! makes.

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use base64::Engine;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, tungstenite::Message};

/// The Chromium to drive: `CHROMIUM` if set, else Debian's `/usr/bin/chromium`.
pub fn find() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

pub struct Browser {
    child: Child,
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    /// Every event received so far (method and params).
    pub events: Vec<Value>,
    profile: PathBuf,
}

impl Browser {
    /// Starts Chromium with the flags the guide names and opens one page.
    pub async fn launch(chromium: &Path) -> Browser {
        let profile = std::env::temp_dir().join(format!(
            "aigc-chromium-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("chromium prints its DevTools address");
        let (socket, _) = tokio_tungstenite::connect_async(url.as_str())
            .await
            .expect("connect to DevTools");
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next: 0,
            events: Vec::new(),
            profile,
        };
        let target = browser
            .call("Target.createTarget", json!({ "url": "about:blank" }))
            .await;
        let attached = browser
            .call(
                "Target.attachToTarget",
                json!({ "targetId": target["targetId"], "flatten": true }),
            )
            .await;
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        for domain in ["Page", "Runtime", "Log", "Network"] {
            browser.call(&format!("{domain}.enable"), json!({})).await;
        }
        browser
    }

    /// Sends a command (to the page once attached) and returns its result; events that
    /// arrive meanwhile are kept.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("send to DevTools");
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(60), self.socket.next())
                .await
                .unwrap_or_else(|_| panic!("DevTools did not answer {method}"))
                .expect("DevTools is connected")
                .expect("a DevTools message");
            let Message::Text(text) = frame else { continue };
            let value: Value = serde_json::from_str(text.as_str()).unwrap();
            if value["id"] == json!(id) {
                if let Some(error) = value.get("error") {
                    panic!("{method} failed: {error}");
                }
                return value["result"].clone();
            }
            if value.get("method").is_some() {
                self.events.push(value);
            }
        }
    }

    pub async fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url })).await;
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    pub async fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
            )
            .await;
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("`{expression}` threw: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is truthy; panics with `what` after 30 s.
    pub async fn wait_for(&mut self, expression: &str, what: &str) {
        let started = Instant::now();
        loop {
            let value = self
                .call(
                    "Runtime.evaluate",
                    json!({ "expression": format!("Boolean({expression})"), "returnByValue": true }),
                )
                .await;
            if value["result"]["value"] == json!(true) {
                return;
            }
            if started.elapsed() > Duration::from_secs(30) {
                let body = self.eval("document.body.innerText").await;
                panic!("waited 30 s for {what}; the page shows:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types text into the focused element, as a keyboard would.
    pub async fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text })).await;
    }

    /// Presses Enter on the focused element (submitting its form, as a keyboard would).
    pub async fn press_enter(&mut self) {
        let key = json!({ "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13 });
        let mut down = key.clone();
        down["type"] = json!("keyDown");
        down["text"] = json!("\r");
        let mut up = key;
        up["type"] = json!("keyUp");
        self.call("Input.dispatchKeyEvent", down).await;
        self.call("Input.dispatchKeyEvent", up).await;
    }

    /// Runs `body` (JavaScript that returns whether it found its element) and panics with
    /// `what` when it did not.
    async fn found(&mut self, body: &str, what: &str) {
        let found = self.eval(&format!("(() => {{ {body} }})()")).await;
        assert_eq!(found, json!(true), "{what}");
    }

    /// Clicks the first element `css` selects.
    pub async fn click(&mut self, css: &str) {
        let css_js = serde_json::to_string(css).unwrap();
        let body = format!(
            "const e = document.querySelector({css_js}); if (!e) return false; e.click(); return true;"
        );
        self.found(&body, &format!("nothing to click at {css}"))
            .await;
    }

    /// Clicks the button whose visible text is `text` (within `scope`, a selector), as a
    /// person finds it: by its words.
    pub async fn click_button(&mut self, scope: &str, text: &str) {
        let (scope_js, text_js) = (
            serde_json::to_string(scope).unwrap(),
            serde_json::to_string(text).unwrap(),
        );
        let body = format!(
            "const b = [...document.querySelectorAll({scope_js} + ' button')].find(b => b.textContent.trim() === {text_js} && !b.closest('[hidden]')); if (!b) return false; b.click(); return true;"
        );
        self.found(&body, &format!("no button “{text}” in {scope}"))
            .await;
    }

    /// Sets the value of the control `css` selects, as typing would (input and change fire).
    pub async fn fill(&mut self, css: &str, value: &str) {
        let (css_js, value_js) = (
            serde_json::to_string(css).unwrap(),
            serde_json::to_string(value).unwrap(),
        );
        let body = format!(
            "const e = document.querySelector({css_js}); if (!e) return false; e.value = {value_js}; e.dispatchEvent(new Event('input', {{ bubbles: true }})); e.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
        );
        self.found(&body, &format!("no control at {css}")).await;
    }

    /// Cuts the page off the network (or connects it again), as a dropped Wi-Fi would.
    pub async fn offline(&mut self, offline: bool) {
        self.call(
            "Network.emulateNetworkConditions",
            json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        )
        .await;
    }

    /// Sets the viewport, e.g. a phone's.
    pub async fn viewport(&mut self, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        )
        .await;
    }

    /// Saves a PNG of the whole page.
    pub async fn screenshot(&mut self, path: &Path) {
        let shot = self
            .call(
                "Page.captureScreenshot",
                json!({ "format": "png", "captureBeyondViewport": true }),
            )
            .await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }

    /// Console errors, uncaught exceptions and browser log errors (failed loads, CSP).
    pub fn errors(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| {
                let p = &e["params"];
                match e["method"].as_str()? {
                    "Runtime.consoleAPICalled"
                        if matches!(p["type"].as_str(), Some("error" | "assert")) =>
                    {
                        Some(format!("console.{}: {}", p["type"], p["args"]))
                    }
                    "Runtime.exceptionThrown" => {
                        Some(format!("exception: {}", p["exceptionDetails"]))
                    }
                    "Log.entryAdded" if p["entry"]["level"] == "error" => {
                        Some(format!("log: {}", p["entry"]))
                    }
                    _ => None,
                }
            })
            .collect()
    }

    /// Every URL the page requested.
    pub fn requests(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str().map(str::to_owned))
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
