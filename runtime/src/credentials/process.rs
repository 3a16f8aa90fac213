//! Credentials printed by an external command: a profile's `credential_process`.

use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::blocking::run_blocking;
use super::document::{parse_credentials, DocumentKind};
use super::kill_tree::kill_tree;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

const PROVIDER: &str = "CredentialProcess";

/// The most of the command's standard output read: a credentials document is a few hundred
/// bytes.
const MAX_STDOUT: usize = 64 * 1024;
/// The most of its standard error kept for an error message.
const MAX_STDERR_SHOWN: usize = 512;

/// Runs a command and reads credentials from its standard output, as a profile's
/// `credential_process` does.
///
/// The command line is run by the shell (`sh -c` on Unix, `cmd.exe /C` on Windows) with the
/// caller's standard input, as the SDKs do, for helpers that prompt. It must exit with status
/// 0 within the timeout and print a JSON object: `Version` (must be 1), `AccessKeyId`,
/// `SecretAccessKey`, optionally `SessionToken` and `Expiration` (RFC 3339). A command still
/// running at the timeout is killed, with (on Linux) the processes it started.
///
/// Errors name the program but not its arguments, which may hold a password, and never
/// quote the standard output; they quote the start of the standard error of a command that
/// failed.
#[derive(Clone)]
pub struct CredentialProcessProvider {
    command: String,
    timeout: Duration,
}

impl CredentialProcessProvider {
    /// Runs `command`, killing it after
    /// [`ProviderConfig::DEFAULT_PROCESS_TIMEOUT`](super::ProviderConfig::DEFAULT_PROCESS_TIMEOUT).
    pub fn new(command: impl Into<String>) -> CredentialProcessProvider {
        CredentialProcessProvider {
            command: command.into(),
            timeout: super::ProviderConfig::DEFAULT_PROCESS_TIMEOUT,
        }
    }

    /// Kills the command when it runs longer than `timeout`.
    pub fn with_timeout(mut self, timeout: Duration) -> CredentialProcessProvider {
        self.timeout = timeout;
        self
    }
}

impl std::fmt::Debug for CredentialProcessProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialProcessProvider")
            .field("command", &redacted(&self.command))
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ProvideCredentials for CredentialProcessProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(run(self.command.clone(), self.timeout))
    }
}

/// Runs `command` on a thread of its own and parses what it prints.
pub(crate) async fn run(
    command: String,
    timeout: Duration,
) -> Result<Credentials, CredentialsError> {
    let shown = redacted(&command);
    let output = run_blocking("credential-process", move || run_command(&command, timeout))
        .await
        .unwrap_or_else(|| {
            let message = format!("running `{shown}` panicked");
            Err(CredentialsError::provider_error(PROVIDER, message))
        })?;
    parse_credentials(&output, DocumentKind::Process, PROVIDER)
        .map_err(|error| error.prefixed(&format!("the output of `{shown}`")))
}

/// The program of a command line, with `…` in place of its arguments: what errors and
/// `Debug` show.
pub(crate) fn redacted(command: &str) -> String {
    let command = command.trim();
    let program = match command.strip_prefix('"') {
        Some(rest) => match rest.find('"') {
            Some(end) => &command[..end + 2],
            None => command,
        },
        None => command.split_whitespace().next().unwrap_or(""),
    };
    if program.len() < command.len() {
        format!("{program} …")
    } else {
        program.to_owned()
    }
}

fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut shell = Command::new("cmd.exe");
        shell.arg("/C").arg(command);
        shell
    } else {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(command);
        shell
    }
}

/// Runs `command` to completion or until `timeout`, and returns its standard output.
fn run_command(command: &str, timeout: Duration) -> Result<Vec<u8>, CredentialsError> {
    let shown = redacted(command);
    let failed =
        |what: &str| CredentialsError::provider_error(PROVIDER, format!("{what} `{shown}`"));
    let timed_out = |detail: &str| {
        CredentialsError::timeout(PROVIDER, timeout)
            .with_message(format!("`{shown}` {detail} after {timeout:?}"))
    };
    let deadline = Instant::now() + timeout;
    let mut child = shell(command)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed("could not start").with_source(e))?;
    let stdout = read_in_background(child.stdout.take(), MAX_STDOUT);
    let stderr = read_in_background(child.stderr.take(), MAX_STDERR_SHOWN);
    let (Ok(stdout), Ok(stderr)) = (stdout, stderr) else {
        kill_tree(&mut child);
        return Err(failed("no thread to read the output of"));
    };
    let status = match wait(&mut child, deadline) {
        Ok(Some(status)) => status,
        Ok(None) => {
            kill_tree(&mut child);
            return Err(timed_out("was killed: still running"));
        }
        Err(error) => {
            kill_tree(&mut child);
            return Err(failed("could not wait for").with_source(error));
        }
    };
    // A process it started in the background may keep the pipes open past its exit.
    let remaining = || deadline.saturating_duration_since(Instant::now());
    let output = stdout
        .recv_timeout(remaining())
        .map_err(|_| timed_out("exited, but its output stayed open"))?;
    if !status.success() {
        let stderr = stderr.recv_timeout(remaining()).ok();
        let mut message = format!("`{shown}` exited with {status}");
        if let Some(Ok(read)) = stderr {
            let text = String::from_utf8_lossy(&read.bytes);
            let text = text.trim();
            if !text.is_empty() {
                let more = if read.truncated { "…" } else { "" };
                message.push_str(&format!("; standard error: {text}{more}"));
            }
        }
        return Err(CredentialsError::provider_error(PROVIDER, message));
    }
    let output = output.map_err(|e| failed("could not read the output of").with_source(e))?;
    if output.truncated {
        let message = format!("`{shown}` printed more than {MAX_STDOUT} bytes");
        return Err(CredentialsError::provider_error(PROVIDER, message));
    }
    Ok(output.bytes)
}

/// Waits for `child` to exit until `deadline`: `None` when it is still running then.
fn wait(child: &mut Child, deadline: Instant) -> io::Result<Option<ExitStatus>> {
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// The first bytes of a stream, and whether there were more.
struct Capped {
    bytes: Vec<u8>,
    truncated: bool,
}

/// Reads `stream` on a thread: its first `cap` bytes, the rest drained so that the process
/// never blocks on a full pipe.
fn read_in_background(
    stream: Option<impl Read + Send + 'static>,
    cap: usize,
) -> io::Result<mpsc::Receiver<io::Result<Capped>>> {
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name("credential-process-output".into())
        .spawn(move || {
            let result = match stream {
                None => Ok(Capped {
                    bytes: Vec::new(),
                    truncated: false,
                }),
                Some(stream) => read_capped(stream, cap),
            };
            // The receiver is gone when the process timed out: nothing to report to.
            let _ = sender.send(result);
        })?;
    Ok(receiver)
}

fn read_capped(mut stream: impl Read, cap: usize) -> io::Result<Capped> {
    let mut bytes = Vec::new();
    (&mut stream).take(cap as u64).read_to_end(&mut bytes)?;
    let rest = io::copy(&mut stream, &mut io::sink())?;
    Ok(Capped {
        bytes,
        truncated: rest > 0,
    })
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn arguments_are_redacted() {
        assert_eq!(
            redacted("/opt/bin/creds --password hunter2"),
            "/opt/bin/creds …"
        );
        assert_eq!(redacted("  creds  "), "creds");
        assert_eq!(
            redacted("\"C:\\Program Files\\creds.exe\" --user me"),
            "\"C:\\Program Files\\creds.exe\" …"
        );
    }
}
