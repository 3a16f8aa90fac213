//! The TLS client configuration: rustls with the ring provider, TLS 1.2 and 1.3, and the roots
//! it trusts: the system's store (read once per process, on the first HTTPS connection) plus any
//! the caller added, or only those.

use std::fmt;
use std::sync::{Arc, OnceLock};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

/// Root certificates as the builder was given them, checked by [`ExtraRoots::parse`].
#[derive(Clone, Debug)]
pub(crate) enum RootSource {
    /// One or more `CERTIFICATE` blocks.
    Pem(Vec<u8>),
    /// One DER certificate.
    Der(Vec<u8>),
}

/// The certificates added on top of (or instead of) the system's.
#[derive(Clone, Debug, Default)]
pub(crate) struct ExtraRoots(Vec<CertificateDer<'static>>);

impl ExtraRoots {
    /// Parses every source; the message names the first that is not a usable certificate.
    pub(crate) fn parse(sources: &[RootSource]) -> Result<ExtraRoots, String> {
        let mut roots = Vec::new();
        for (i, source) in sources.iter().enumerate() {
            match source {
                RootSource::Pem(pem) => {
                    let before = roots.len();
                    for cert in CertificateDer::pem_slice_iter(pem) {
                        roots.push(
                            cert.map_err(|e| format!("root certificate source {i} (PEM): {e}"))?,
                        );
                    }
                    if roots.len() == before {
                        return Err(format!(
                            "root certificate source {i} (PEM): no CERTIFICATE block"
                        ));
                    }
                }
                RootSource::Der(der) => roots.push(CertificateDer::from(der.clone())),
            }
        }
        // A certificate is usable when rustls can make a trust anchor of it.
        let mut check = RootCertStore::empty();
        for (i, cert) in roots.iter().enumerate() {
            check
                .add(cert.clone())
                .map_err(|e| format!("root certificate {i} is not usable: {e}"))?;
        }
        Ok(ExtraRoots(roots))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The system's root certificates, read once per process.
struct SystemRoots {
    certs: Vec<CertificateDer<'static>>,
    /// Why some could not be read, when some could not.
    errors: String,
}

fn system_roots() -> &'static SystemRoots {
    static ROOTS: OnceLock<SystemRoots> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let found = rustls_native_certs::load_native_certs();
        let errors = found
            .errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        SystemRoots {
            certs: found.certs,
            errors,
        }
    })
}

/// The TLS connector of one client (and its clones), made on its first HTTPS connection so
/// that a client that never uses HTTPS never reads the system's store.
pub(crate) struct Tls {
    extra: ExtraRoots,
    system: bool,
    connector: OnceLock<Result<TlsConnector, String>>,
}

impl Tls {
    pub(crate) fn new(extra: ExtraRoots, system: bool) -> Tls {
        Tls {
            extra,
            system,
            connector: OnceLock::new(),
        }
    }

    /// The connector, or why none could be made (no trusted root at all).
    pub(crate) fn connector(&self) -> Result<&TlsConnector, &str> {
        self.connector
            .get_or_init(|| self.make())
            .as_ref()
            .map_err(String::as_str)
    }

    fn make(&self) -> Result<TlsConnector, String> {
        let mut roots = RootCertStore::empty();
        let mut system_errors = "";
        if self.system {
            let system = system_roots();
            roots.add_parsable_certificates(system.certs.iter().cloned());
            system_errors = &system.errors;
        }
        for cert in &self.extra.0 {
            // Checked by `ExtraRoots::parse`.
            let _ = roots.add(cert.clone());
        }
        if roots.is_empty() {
            let mut message = String::from(
                "no trusted root certificate: none found in the system's store (install the \
                 CA certificates package, or set SSL_CERT_FILE) and none added to the client",
            );
            if !system_errors.is_empty() {
                message.push_str(&format!(" ({system_errors})"));
            }
            return Err(message);
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS configuration: {e}"))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(TlsConnector::from(Arc::new(config)))
    }
}

impl fmt::Debug for Tls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tls")
            .field("system_roots", &self.system)
            .field("extra_roots", &self.extra.0.len())
            .finish()
    }
}
