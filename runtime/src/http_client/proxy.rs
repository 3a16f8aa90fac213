//! Which requests go through a proxy, from `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
//! `NO_PROXY` (upper case first, then lower case) read through an [`Env`]; hyper-util's matcher
//! applies them the way curl does.

use http::Uri;
use hyper_util::client::proxy::matcher::{Intercept, Matcher};

use crate::config::Env;

/// The proxy rules of a client.
#[derive(Debug)]
pub(crate) struct Proxies {
    matcher: Matcher,
}

impl Proxies {
    /// The rules the environment sets, or `None` when it names no proxy.
    ///
    /// When `REQUEST_METHOD` is set the program is a CGI script, where `HTTP_PROXY` may come from
    /// a request's `Proxy:` header ("httpoxy"): the `HTTP_PROXY` variables are then ignored, as
    /// curl and hyper-util do.
    pub(crate) fn from_env(env: &Env) -> Option<Proxies> {
        let first = |names: [&str; 2]| {
            names
                .into_iter()
                .filter_map(|name| env.var(name))
                .find(|value| !value.trim().is_empty())
        };
        let https = first(["HTTPS_PROXY", "https_proxy"]);
        let all = first(["ALL_PROXY", "all_proxy"]);
        let http = match env.var("REQUEST_METHOD") {
            Some(_) => None,
            None => first(["HTTP_PROXY", "http_proxy"]),
        };
        if https.is_none() && http.is_none() && all.is_none() {
            return None;
        }
        let matcher = Matcher::builder()
            .https(https.unwrap_or_default())
            .http(http.unwrap_or_default())
            .all(all.unwrap_or_default())
            .no(first(["NO_PROXY", "no_proxy"]).unwrap_or_default())
            .build();
        Some(Proxies { matcher })
    }

    /// The proxy to send a request for `uri` through, if any.
    pub(crate) fn intercept(&self, uri: &Uri) -> Option<Intercept> {
        self.matcher.intercept(uri)
    }
}

/// `host:port` of a proxy, for messages: never its user name or password.
pub(crate) fn display(proxy: &Intercept) -> String {
    let uri = proxy.uri();
    let host = uri.host().unwrap_or("");
    match uri.port_u16() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(vars: &[(&str, &str)]) -> Option<Proxies> {
        Proxies::from_env(&Env::from_map(vars.iter().copied()))
    }

    fn via(p: &Proxies, uri: &str) -> Option<String> {
        p.intercept(&uri.parse().unwrap()).map(|i| display(&i))
    }

    #[test]
    fn no_variables_no_proxy() {
        assert!(proxies(&[]).is_none());
        assert!(proxies(&[("HTTPS_PROXY", " "), ("NO_PROXY", "*")]).is_none());
    }

    #[test]
    fn scheme_specific_proxies_and_no_proxy() {
        let p = proxies(&[
            ("HTTPS_PROXY", "http://secure.proxy:3128"),
            ("http_proxy", "plain.proxy:8080"),
            ("NO_PROXY", "internal.example, 10.0.0.0/8"),
        ])
        .unwrap();
        let https = via(&p, "https://s3.amazonaws.com/");
        assert_eq!(https.as_deref(), Some("secure.proxy:3128"));
        let http = via(&p, "http://s3.amazonaws.com/");
        assert_eq!(http.as_deref(), Some("plain.proxy:8080"));
        assert_eq!(via(&p, "https://api.internal.example/"), None);
        assert_eq!(via(&p, "https://10.1.2.3/"), None);
    }

    #[test]
    fn upper_case_wins_and_lower_case_is_read() {
        let p = proxies(&[
            ("HTTPS_PROXY", "http://upper:1"),
            ("https_proxy", "http://lower:2"),
        ])
        .unwrap();
        assert_eq!(via(&p, "https://a/").as_deref(), Some("upper:1"));
        let p = proxies(&[("https_proxy", "http://lower:2"), ("no_proxy", "a")]).unwrap();
        assert_eq!(via(&p, "https://b/").as_deref(), Some("lower:2"));
        assert_eq!(via(&p, "https://a/"), None);
        assert_eq!(via(&p, "http://b/"), None);
    }

    #[test]
    fn all_proxy_is_the_fallback() {
        let p = proxies(&[("ALL_PROXY", "http://all:9"), ("HTTPS_PROXY", "http://s:1")]).unwrap();
        assert_eq!(via(&p, "https://a/").as_deref(), Some("s:1"));
        assert_eq!(via(&p, "http://a/").as_deref(), Some("all:9"));
    }

    #[test]
    fn cgi_ignores_http_proxy() {
        let p = proxies(&[("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "http://evil:1")]);
        assert!(p.is_none());
    }

    #[test]
    fn credentials_are_not_displayed() {
        let p = proxies(&[("HTTPS_PROXY", "http://user:s3cret@proxy:3128")]).unwrap();
        let intercept = p.intercept(&"https://a/".parse().unwrap()).unwrap();
        assert_eq!(display(&intercept), "proxy:3128");
        assert!(intercept.basic_auth().is_some());
        assert!(!format!("{p:?}").contains("s3cret"));
    }
}
