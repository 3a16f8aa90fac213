use http::{Request, Response};

use super::*;
use crate::build_error::BuildError;
use crate::json::{decode_response, JsonDecode, JsonReader};
use crate::operation::RequestOptions;
use crate::response::ErrorResponse;
use crate::transport::{block_on, InMemoryTransport};
use crate::{AuthScheme, DecodeError, ParseError, UnhandledError};

/// A hand-written paginated operation shaped like the generated ones: the token and page size
/// travel in the query, the output is JSON.
struct List;

#[derive(Clone, Debug, Default)]
struct ListInput {
    token: Option<String>,
    limit: Option<i32>,
}

#[derive(Debug, Default)]
struct ListOutput {
    next: Option<String>,
    names: Option<Vec<String>>,
}

impl JsonDecode for ListOutput {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut out = ListOutput::default();
        r.read_members(&mut [("Next", &mut out.next), ("Names", &mut out.names)])?;
        Ok(out)
    }
}

impl Operation for List {
    const NAME: &'static str = "List";
    type Input = ListInput;
    type Output = ListOutput;
    type Error = UnhandledError;
    const AUTH: AuthScheme = AuthScheme::None;

    fn build_request(
        input: &ListInput,
        _: &RequestOptions,
    ) -> Result<Request<Vec<u8>>, BuildError> {
        let mut query = Vec::new();
        query.extend(input.token.as_ref().map(|t| format!("token={t}")));
        query.extend(input.limit.map(|l| format!("limit={l}")));
        Ok(Request::builder()
            .uri(format!("/list?{}", query.join("&")))
            .body(Vec::new())
            .expect("a valid request"))
    }

    fn parse_response(
        response: Response<Vec<u8>>,
    ) -> Result<ListOutput, ParseError<UnhandledError>> {
        decode_response(response, ErrorResponse::to_unhandled)
    }
}

impl Paginated for List {
    type Token = String;

    fn token(input: &ListInput) -> Option<&String> {
        input.token.as_ref()
    }

    fn set_token(input: &mut ListInput, token: String) {
        input.token = Some(token);
    }

    fn next_token(output: &ListOutput) -> Option<&String> {
        output.next.as_ref()
    }
}

impl PageSize for List {
    fn set_page_size(input: &mut ListInput, size: i32) {
        input.limit = Some(size);
    }
}

impl PageItems for List {
    type Items = Vec<String>;

    fn take_items(output: &mut ListOutput) -> Option<Vec<String>> {
        output.names.take()
    }
}

fn transport(pages: &[&str]) -> InMemoryTransport {
    let t = InMemoryTransport::new();
    for body in pages {
        t.push_response(
            Response::builder()
                .status(200)
                .body(body.as_bytes().to_vec())
                .unwrap(),
        );
    }
    t
}

/// The URIs the paginator sent.
fn sent(t: &InMemoryTransport) -> Vec<String> {
    t.requests().iter().map(|r| r.uri().to_string()).collect()
}

/// Every page's names, failing on an error.
fn all_pages(mut pages: Paginator<'_, List, InMemoryTransport>) -> Vec<Vec<String>> {
    block_on(async {
        let mut names = Vec::new();
        while let Some(page) = pages.next_page().await {
            names.push(page.unwrap().names.unwrap_or_default());
        }
        assert!(
            pages.next_page().await.is_none(),
            "an ended paginator stays ended"
        );
        names
    })
}

#[test]
fn pages_come_in_order_with_the_token_fed_back() {
    let t = transport(&[
        r#"{"Names":["a","b"],"Next":"t1"}"#,
        r#"{"Names":["c"],"Next":"t2"}"#,
        r#"{"Names":["d"]}"#,
    ]);
    let config = ClientConfig::new();
    let pages = Paginator::<List, _>::new(&t, &config, ListInput::default());
    assert_eq!(all_pages(pages), [vec!["a", "b"], vec!["c"], vec!["d"]]);
    assert_eq!(sent(&t), ["/list?", "/list?token=t1", "/list?token=t2"]);
}

#[test]
fn the_page_size_and_a_starting_token_go_into_every_request() {
    let t = transport(&[r#"{"Next":"t2"}"#, r#"{}"#]);
    let config = ClientConfig::new();
    let input = ListInput {
        token: Some("t1".into()),
        limit: None,
    };
    let pages = Paginator::<List, _>::new(&t, &config, input).page_size(25);
    assert_eq!(all_pages(pages).len(), 2);
    assert_eq!(
        sent(&t),
        ["/list?token=t1&limit=25", "/list?token=t2&limit=25"]
    );
}

#[test]
fn an_empty_token_ends_the_pages() {
    let t = transport(&[r#"{"Next":"t1"}"#, r#"{"Next":""}"#, r#"{}"#]);
    let config = ClientConfig::new();
    let pages = Paginator::<List, _>::new(&t, &config, ListInput::default());
    assert_eq!(all_pages(pages).len(), 2);
    assert_eq!(t.requests().len(), 2);
}

#[test]
fn a_repeated_token_ends_the_pages() {
    let t = transport(&[
        r#"{"Next":"t1"}"#,
        r#"{"Next":"t1","Names":["x"]}"#,
        r#"{}"#,
    ]);
    let config = ClientConfig::new();
    let pages = Paginator::<List, _>::new(&t, &config, ListInput::default());
    // The page that repeats the token is still yielded: its results are real.
    assert_eq!(all_pages(pages), [vec![], vec!["x"]]);
    assert_eq!(sent(&t), ["/list?", "/list?token=t1"]);
}

#[test]
fn a_first_page_repeating_the_starting_token_ends_the_pages() {
    let t = transport(&[r#"{"Next":"t1","Names":["x"]}"#, r#"{}"#]);
    let config = ClientConfig::new();
    let input = ListInput {
        token: Some("t1".into()),
        limit: None,
    };
    let pages = Paginator::<List, _>::new(&t, &config, input);
    assert_eq!(pages.next_token().map(String::as_str), Some("t1"));
    assert_eq!(all_pages(pages), [vec!["x"]]);
    assert_eq!(sent(&t), ["/list?token=t1"]);
}

#[test]
fn max_pages_bounds_a_service_that_never_ends() {
    let bodies: Vec<String> = (1..=10).map(|n| format!(r#"{{"Next":"t{n}"}}"#)).collect();
    let t = transport(&bodies.iter().map(String::as_str).collect::<Vec<_>>());
    let config = ClientConfig::new();
    let mut pages = Paginator::<List, _>::new(&t, &config, ListInput::default()).max_pages(3);
    block_on(async {
        let mut count = 0;
        while let Some(page) = pages.next_page().await {
            page.unwrap();
            count += 1;
        }
        assert_eq!(count, 3);
    });
    assert!(pages.is_truncated());
    assert_eq!(
        pages.next_token().map(String::as_str),
        Some("t3"),
        "where to resume"
    );
    assert_eq!(pages.pages_fetched(), 3);
    assert_eq!(t.requests().len(), 3);

    let t = transport(&[r#"{"Next":"t1"}"#, r#"{}"#]);
    let mut pages = Paginator::<List, _>::new(&t, &config, ListInput::default()).max_pages(2);
    block_on(async { while pages.next_page().await.is_some() {} });
    assert!(!pages.is_truncated(), "the last page had no token");
    assert_eq!(pages.next_token(), None);
}

#[test]
fn the_default_bound_ends_an_endless_service() {
    let t = InMemoryTransport::new();
    for n in 0..DEFAULT_MAX_PAGES + 1 {
        let body = format!(r#"{{"Next":"t{n}"}}"#).into_bytes();
        t.push_response(Response::builder().status(200).body(body).unwrap());
    }
    let config = ClientConfig::new();
    let pages = Paginator::<List, _>::new(&t, &config, ListInput::default());
    assert_eq!(all_pages(pages).len(), DEFAULT_MAX_PAGES);
}

#[test]
fn an_error_is_yielded_then_the_pages_end() {
    let t = transport(&[r#"{"Next":"t1"}"#]);
    t.push_response(
        Response::builder()
            .status(400)
            .body(br#"{"__type":"Denied"}"#.to_vec())
            .unwrap(),
    );
    t.push_response(
        Response::builder()
            .status(200)
            .body(b"{}".to_vec())
            .unwrap(),
    );
    let config = ClientConfig::new();
    let mut pages = Paginator::<List, _>::new(&t, &config, ListInput::default());
    block_on(async {
        assert!(pages.next_page().await.unwrap().is_ok());
        let error = pages.next_page().await.unwrap().unwrap_err();
        assert_eq!(error.as_service_error().map(|e| e.code()), Some("Denied"));
        assert!(pages.next_page().await.is_none());
    });
    assert_eq!(t.requests().len(), 2);
}

#[test]
fn items_come_one_by_one_across_pages() {
    let t = transport(&[
        r#"{"Names":["a","b"],"Next":"t1"}"#,
        r#"{"Names":[],"Next":"t2"}"#,
        r#"{"Next":"t3"}"#,
        r#"{"Names":["c"]}"#,
    ]);
    let config = ClientConfig::new();
    let mut items = Paginator::<List, _>::new(&t, &config, ListInput::default()).items();
    let names = block_on(async {
        let mut names = Vec::new();
        while let Some(name) = items.next().await {
            names.push(name.unwrap());
        }
        names
    });
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(items.pages().pages_fetched(), 4);
}

#[test]
fn pages_and_items_are_streams() {
    fn stream<S: Stream + Send + Unpin>(s: S) -> S {
        s
    }
    let t = transport(&[r#"{"Names":["a"],"Next":"t1"}"#, r#"{"Names":["b"]}"#]);
    let config = ClientConfig::new();
    let mut items = stream(Paginator::<List, _>::new(&t, &config, ListInput::default()).items());
    let next = |items: &mut Items<'_, List, InMemoryTransport>| {
        block_on(poll_fn(|cx| Pin::new(&mut *items).poll_next(cx)))
    };
    assert_eq!(next(&mut items).unwrap().unwrap(), "a");
    assert_eq!(next(&mut items).unwrap().unwrap(), "b");
    assert!(next(&mut items).is_none());
    let pages = stream(Paginator::<List, _>::new(&t, &config, ListInput::default()));
    assert_eq!(pages.size_hint(), (0, None));
}

#[test]
fn map_tokens_are_tokens() {
    let mut key = BTreeMap::new();
    assert!(PageToken::is_empty(&key));
    key.insert("id".to_owned(), 7);
    assert!(!PageToken::is_empty(&key));
    assert!(PageToken::is_empty(&String::new()));
    assert!(!PageToken::is_empty(&"t".to_owned()));
}
