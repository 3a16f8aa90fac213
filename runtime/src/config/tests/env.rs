//! The environment abstraction: in-memory variables and files, and the real file reader.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::config::Env;

#[test]
fn an_in_memory_env_has_exactly_its_variables() {
    let env = Env::from_map([("AWS_PROFILE", "dev"), ("EMPTY", "")]);
    assert_eq!(env.var("AWS_PROFILE").as_deref(), Some("dev"));
    assert_eq!(env.var("EMPTY").as_deref(), Some(""));
    assert_eq!(env.var("PATH"), None);
    assert_eq!(env.home_dir(), None);
}

#[test]
fn an_in_memory_env_has_exactly_its_files() {
    let env = Env::from_map(Vec::<(String, String)>::new())
        .with_file("/a/config", "text")
        .with_file("/a/config", "replaced");
    assert_eq!(env.read_file(Path::new("/a/config")).unwrap(), b"replaced");
    let missing = env.read_file(Path::new("/a/credentials")).unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
    // Not even a file that exists on disk is visible.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    assert_eq!(
        env.read_file(&manifest).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn home_is_home_then_userprofile_ignoring_empty_values() {
    let home = |vars: &[(&str, &str)]| Env::from_map(vars.iter().copied()).home_dir();
    assert_eq!(
        home(&[("HOME", "/h"), ("USERPROFILE", "C:\\u")]),
        Some(PathBuf::from("/h"))
    );
    assert_eq!(
        home(&[("USERPROFILE", "C:\\u")]),
        Some(PathBuf::from("C:\\u"))
    );
    assert_eq!(
        home(&[("HOME", ""), ("USERPROFILE", "C:\\u")]),
        Some(PathBuf::from("C:\\u"))
    );
    assert_eq!(home(&[("HOME", ""), ("USERPROFILE", "")]), None);
}

// The real environment's file reader, on files of this repository only: these tests read no
// environment variable and nothing under the home directory.

#[test]
fn the_real_env_reads_files_from_disk() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let bytes = Env::real().read_file(&manifest).unwrap();
    assert!(bytes.starts_with(b"[package]"));
    let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-file");
    assert_eq!(
        Env::real().read_file(&missing).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn in_memory_files_shadow_the_disk_in_the_real_env() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let env = Env::real().with_file(&manifest, "shadow");
    assert_eq!(env.read_file(&manifest).unwrap(), b"shadow");
}

#[cfg(unix)]
#[test]
fn the_real_env_refuses_endless_files() {
    let error = Env::real().read_file(Path::new("/dev/zero")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    assert!(error.to_string().contains("larger than 16777216 bytes"));
}
