//! Killing a `credential_process` that outlived its timeout, with what it started: the
//! shell running the command line forks the command, so killing the shell alone would leave
//! the command running.
//!
//! On Linux, the processes descending from the shell are found in `/proc` and killed before
//! it; elsewhere only the shell is. The std library has no `kill(2)`, so the shell's own
//! `kill` sends the signals. The child stays in our process group: a helper that prompts on
//! the terminal keeps working.

use std::process::{Child, Command, Stdio};

/// Kills `child` and (on Linux) every process descending from it, then reaps `child`.
pub(crate) fn kill_tree(child: &mut Child) {
    let descendants = descendants(child.id());
    if !descendants.is_empty() {
        // Best effort: a process that exits meanwhile is simply not found.
        let _ = Command::new("sh")
            .arg("-c")
            .arg("kill -KILL \"$@\" 2>/dev/null")
            .arg("sh")
            .args(descendants.iter().map(u32::to_string))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    // Errors mean the process already exited; `wait` reaps it either way.
    let _ = child.kill();
    let _ = child.wait();
}

/// The processes descending from `root`, children first.
#[cfg(target_os = "linux")]
fn descendants(root: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let parents: Vec<(u32, u32)> = entries
        .filter_map(|entry| {
            let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (command) state ppid …`: the command may hold spaces and parentheses.
            let after_command = &stat[stat.rfind(')')? + 1..];
            let ppid = after_command.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut found = vec![root];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        for &(pid, ppid) in &parents {
            // The snapshot is not atomic: a reused pid must not make a cycle.
            if ppid == parent && !found.contains(&pid) {
                found.push(pid);
            }
        }
        next += 1;
    }
    found.remove(0);
    found
}

#[cfg(not(target_os = "linux"))]
fn descendants(_root: u32) -> Vec<u32> {
    Vec::new()
}
