//! Which endpoint URLs are usable, and the names derived from a service's `sdkId`.

use crate::config::endpoint_url::check_endpoint_url;
use crate::config::{endpoint_url_env_var, services_key};

#[test]
fn absolute_http_and_https_urls_are_accepted() {
    for url in [
        "http://localhost:4566",
        "https://gamelift.us-west-2.amazonaws.com",
        "HTTPS://Example.com/base/path",
        "http://127.0.0.1:65535/",
        "http://[::1]:8080/x",
        "http://[::1]",
        "https://user@host.example",
    ] {
        assert_eq!(check_endpoint_url(url), Ok(()), "{url}");
    }
}

#[test]
fn other_urls_are_refused_with_the_reason() {
    let cases = [
        ("localhost:4566", "must be absolute"),
        ("/path/only", "must be absolute"),
        ("example.com", "must be absolute"),
        (
            "ftp://example.com",
            "the scheme `ftp` is not `http` or `https`",
        ),
        ("http://", "not a valid URL"),
        ("http://:80", "no host"),
        ("http://h:99999", "the port `99999` is not a number"),
        ("http://h:8a", "the port `8a`"),
        ("http://h:+80", "the port `+80`"),
        ("http://h:", "the port ``"),
        ("http://[::1]:x", "the port `x`"),
        ("http://h/?q=1", "query"),
        ("http://h/#frag", "fragment"),
        ("http://h/a b", "not a valid URL"),
        ("http://h/a\nb", "not a valid URL"),
        ("http://é.example", "not a valid URL"),
        ("", "not a valid URL"),
    ];
    for (url, expected) in cases {
        let problem = check_endpoint_url(url).unwrap_err();
        assert!(problem.contains(expected), "{url:?}: {problem}");
    }
}

#[test]
fn service_names_replace_spaces_with_underscores() {
    let cases = [
        ("GameLift", "AWS_ENDPOINT_URL_GAMELIFT", "gamelift"),
        ("S3", "AWS_ENDPOINT_URL_S3", "s3"),
        (
            "Elastic Load Balancing v2",
            "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
            "elastic_load_balancing_v2",
        ),
        ("ACM PCA", "AWS_ENDPOINT_URL_ACM_PCA", "acm_pca"),
        ("Route 53", "AWS_ENDPOINT_URL_ROUTE_53", "route_53"),
        // Not a valid sdkId, but still a settable name.
        ("sso-admin.x", "AWS_ENDPOINT_URL_SSO_ADMIN_X", "sso_admin_x"),
    ];
    for (sdk_id, variable, key) in cases {
        assert_eq!(endpoint_url_env_var(sdk_id), variable);
        assert_eq!(services_key(sdk_id), key);
    }
}
