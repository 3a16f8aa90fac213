//! moto, the local AWS emulator, for end-to-end tests (`docs/moto.md`).
//!
//! ```ignore
//! mod support;
//! use support::moto::Moto;
//!
//! #[test]
//! fn lists_tables() {
//!     let Some(moto) = Moto::start_or_skip() else { return };
//!     // moto.endpoint() == "http://127.0.0.1:<port>", moto.region() == "us-east-1",
//!     // moto.credentials(): an access key that moto's signature checking accepts.
//! }
//! ```
//!
//! [`Moto::start`] runs `moto_server` from `target/moto-venv` (made by `scripts/moto install`)
//! or the binary `SMITHY_MOTO_SERVER` names, on a free port of 127.0.0.1, with signature
//! checking on after [`BOOTSTRAP_CALLS`] unauthenticated calls. Those calls are made at once
//! by `scripts/moto-bootstrap.py` (with the venv's boto3): an IAM user with an allow-all
//! policy and an access key, which [`Moto::credentials`] returns. Every later request must be
//! signed with that key. The process (and its process group) is killed on drop.
//!
//! When moto is not installed, the start is a [`Skip`]: [`Moto::start_or_skip`] prints
//! `skipped: moto is not installed (run scripts/moto install)` and the test returns, unless
//! `SMITHY_REQUIRE_MOTO=1`, when it fails instead (CI sets it). Anything else that goes wrong
//! (moto installed but not starting, the bootstrap failing) fails the test.

use std::fmt;
use std::fs::File;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use smithy_runtime::credentials::Credentials;

/// The unauthenticated calls `scripts/moto-bootstrap.py` makes (CreateUser, CreatePolicy,
/// AttachUserPolicy, CreateAccessKey): moto's `INITIAL_NO_AUTH_ACTION_COUNT`. moto counts
/// every request to a service until then (not those to its own `/moto-api/`), so nothing else
/// may call moto before the bootstrap is done; the readiness probe only opens a TCP connection.
pub const BOOTSTRAP_CALLS: u32 = 4;

/// How long moto may take to accept connections.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// Why moto could not be used: it is not installed.
#[derive(Debug, Clone)]
pub struct Skip {
    reason: String,
}

impl Skip {
    /// Prints `skipped: <reason>` (a skipped test says so loudly), or panics when
    /// `SMITHY_REQUIRE_MOTO=1`. The line goes straight to the process's stderr, which the
    /// test harness's output capture (for `println!`/`eprintln!`) does not hide.
    pub fn report(&self) {
        if std::env::var("SMITHY_REQUIRE_MOTO").is_ok_and(|v| v == "1") {
            panic!("SMITHY_REQUIRE_MOTO=1, but {}", self.reason);
        }
        let line = format!("skipped: {}\n", self.reason);
        let _ = std::io::stderr().write_all(line.as_bytes());
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// A running moto, with signature checking on unless started with [`Moto::start_open`],
/// killed on drop.
pub struct Moto {
    child: Child,
    port: u16,
    /// Set by the bootstrap, before `start` returns.
    credentials: Option<Credentials>,
    /// The role the bootstrap made, which anyone may assume.
    role_arn: Option<String>,
    python: PathBuf,
    log: PathBuf,
}

impl Moto {
    /// Starts moto and bootstraps its credentials; a [`Skip`] when moto is not installed.
    ///
    /// # Panics
    ///
    /// When moto is installed but does not start, or the bootstrap fails; also when
    /// `SMITHY_MOTO_SERVER` names a file that does not exist.
    pub fn start() -> Result<Moto, Skip> {
        let (server, python) = find_moto()?;
        // A port picked by binding 127.0.0.1:0 can be taken again before moto binds it:
        // try a few.
        let mut last_error = String::new();
        for _ in 0..3 {
            match Moto::spawn(&server, &python, true) {
                Ok(moto) => return Ok(moto.bootstrap()),
                Err(error) => last_error = error,
            }
        }
        panic!("moto did not start: {last_error}");
    }

    /// Starts moto with signature checking off, and no bootstrap: for calls that are unsigned
    /// by design (`AssumeRoleWithWebIdentity`), which moto 5.2.5 with its checking on answers
    /// with a 500 (`KeyError: 'HTTP_AUTHORIZATION'`) instead of judging.
    pub fn start_open() -> Result<Moto, Skip> {
        let (server, python) = find_moto()?;
        let mut last_error = String::new();
        for _ in 0..3 {
            match Moto::spawn(&server, &python, false) {
                Ok(moto) => return Ok(moto),
                Err(error) => last_error = error,
            }
        }
        panic!("moto did not start: {last_error}");
    }

    /// [`Moto::start_open`], or `None` after [`Skip::report`].
    pub fn start_open_or_skip() -> Option<Moto> {
        match Moto::start_open() {
            Ok(moto) => Some(moto),
            Err(skip) => {
                skip.report();
                None
            }
        }
    }

    /// [`Moto::start`], or `None` after [`Skip::report`].
    pub fn start_or_skip() -> Option<Moto> {
        match Moto::start() {
            Ok(moto) => Some(moto),
            Err(skip) => {
                skip.report();
                None
            }
        }
    }

    /// The loopback port moto listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:<port>`: the endpoint of every service.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The region the bootstrap used; moto accepts any in a request's credential scope.
    pub fn region(&self) -> &'static str {
        "us-east-1"
    }

    /// The bootstrapped access key (an IAM user allowed everything).
    pub fn credentials(&self) -> Credentials {
        self.credentials
            .clone()
            .expect("Moto::start bootstraps the credentials")
    }

    /// A role the bootstrapped key may assume, allowed everything.
    pub fn role_arn(&self) -> String {
        self.role_arn
            .clone()
            .expect("Moto::start bootstraps the role")
    }

    /// The Python of moto's venv (it has boto3), for checks made with another client.
    pub fn python(&self) -> &Path {
        &self.python
    }

    /// Where moto's output goes (its request log).
    pub fn log(&self) -> &Path {
        &self.log
    }

    /// Starts `moto_server` on a free port and waits until it accepts connections.
    fn spawn(server: &Path, python: &Path, checked: bool) -> Result<Moto, String> {
        let port = free_port().map_err(|e| format!("no free loopback port: {e}"))?;
        let log = log_path(port);
        let out =
            File::create(&log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let mut command = Command::new(server);
        command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        if checked {
            command.env("INITIAL_NO_AUTH_ACTION_COUNT", BOOTSTRAP_CALLS.to_string());
        } else {
            command.env_remove("INITIAL_NO_AUTH_ACTION_COUNT");
        }
        // Its own process group, so that drop ends whatever moto starts too.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", server.display()))?;
        let mut moto = Moto {
            child,
            port,
            credentials: None,
            role_arn: None,
            python: python.to_owned(),
            log,
        };
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return Ok(moto);
            }
            if let Ok(Some(status)) = moto.child.try_wait() {
                return Err(format!(
                    "moto_server exited ({status}):\n{}",
                    moto.log_tail()
                ));
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "moto_server did not listen on {address} within {START_TIMEOUT:?}:\n{}",
                    moto.log_tail()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs `scripts/moto-bootstrap.py`, which creates the access key while moto still
    /// takes unauthenticated calls, and keeps the key it prints.
    fn bootstrap(mut self) -> Moto {
        let script = repo_root().join("scripts/moto-bootstrap.py");
        let output = Command::new(&self.python)
            .arg(&script)
            .arg(self.endpoint())
            .env("AWS_EC2_METADATA_DISABLED", "true")
            // No configuration or credentials of the machine's user.
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_ENDPOINT_URL")
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.python.display()));
        if !output.status.success() {
            panic!(
                "{} failed ({}):\n{}\nmoto's log:\n{}",
                script.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr),
                self.log_tail()
            );
        }
        let key: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "the bootstrap printed no JSON ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        });
        let field = |name: &str| {
            key[name]
                .as_str()
                .unwrap_or_else(|| panic!("the bootstrap's JSON has no {name}: {key}"))
                .to_owned()
        };
        self.credentials = Some(Credentials::new(
            field("access_key_id"),
            field("secret_access_key"),
            None,
            None,
            "moto",
        ));
        self.role_arn = Some(field("role_arn"));
        self
    }

    /// The last lines of moto's output, for failure messages.
    pub fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = File::open(&self.log) {
            let _ = file.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        // Only while moto still runs (unreaped, its id cannot name another process group).
        #[cfg(unix)]
        if let Ok(None) = self.child.try_wait() {
            // The process group moto leads (its id is the group's id).
            if let Ok(group) = i32::try_from(self.child.id()) {
                // SAFETY: kill(2) takes plain integers; a negative pid names a process group,
                // here the one created for moto, which contains nothing of ours.
                unsafe {
                    libc::kill(-group, libc::SIGKILL);
                }
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The checkout's root (the parent of this package).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package is inside the checkout")
        .to_owned()
}

/// `moto_server` and the Python to bootstrap with: `SMITHY_MOTO_SERVER` (the Python beside it,
/// else `python3`) or `scripts/moto install`'s `target/moto-venv`.
fn find_moto() -> Result<(PathBuf, PathBuf), Skip> {
    if let Some(server) = std::env::var_os("SMITHY_MOTO_SERVER") {
        let server = PathBuf::from(server);
        assert!(
            server.is_file(),
            "SMITHY_MOTO_SERVER={} does not exist",
            server.display()
        );
        let beside = server.with_file_name("python");
        let python = if beside.is_file() {
            beside
        } else {
            PathBuf::from("python3")
        };
        return Ok((server, python));
    }
    let bin = repo_root().join("target/moto-venv/bin");
    let server = bin.join("moto_server");
    if server.is_file() && bin.join("python").is_file() {
        Ok((server, bin.join("python")))
    } else {
        Err(Skip {
            reason: "moto is not installed (run scripts/moto install)".to_owned(),
        })
    }
}

/// A port of 127.0.0.1 nothing listens on now.
fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// `moto-<port>.log` in this package's scratch directory under `target/`.
fn log_path(port: u16) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("moto-{port}.log"))
}
