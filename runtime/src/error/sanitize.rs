//! Reducing a wire error type to the bare shape name.

/// Reduces a wire error type to the error shape's name: everything from the first `:` on is
/// dropped, then everything up to and including the last `#`.
///
/// `aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/…` becomes `FooError`.
/// Any namespace is stripped, not only the service's own.
pub fn sanitize_error_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    match before_colon.rfind('#') {
        Some(i) => before_colon.get(i + 1..).unwrap_or(""),
        None => before_colon,
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize_error_code;

    #[test]
    fn table() {
        for (raw, code) in [
            ("FooError", "FooError"),
            ("aws.protocoltests.restjson#FooError", "FooError"),
            (
                "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                "FooError",
            ),
            ("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
            ("com.amazon.coral.validate#ValidationException", "ValidationException"),
            ("a#b#FooError", "FooError"),
            ("a#FooError:x#y", "FooError"),
            ("", ""),
            (":", ""),
            ("#", ""),
            ("Foo#", ""),
            ("ÄÖ#Ü:ß", "Ü"),
        ] {
            assert_eq!(sanitize_error_code(raw), code, "{raw:?}");
        }
    }
}
