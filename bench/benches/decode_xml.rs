//! Decoding a large S3 `ListObjectsV2` response (10,000 objects) with the generated XML decoder
//! versus quick-xml's serde deserializer + `#[derive(Deserialize)]` on equivalent hand-written
//! structs. Both sides run interleaved in one process and the ratio of medians is printed:
//! machines here are noisy, ratios are not.
//!
//! Run: `cargo bench -p smithy-bench --bench decode_xml`

use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::Deserialize;

/// The generated S3 slice (`build.rs`).
#[allow(dead_code)]
mod s3 {
    include!(concat!(env!("OUT_DIR"), "/s3_list_objects.rs"));
}

const OBJECTS: usize = 10_000;
const ROUNDS: usize = 31;

/// The serde side: the same members, with the cheapest faithful types (timestamps and enums as
/// strings), so the comparison does not favour us.
#[allow(dead_code)]
mod serde_side {
    use super::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct ListBucketResult {
        pub is_truncated: Option<bool>,
        #[serde(default)]
        pub contents: Vec<Object>,
        pub name: Option<String>,
        pub prefix: Option<String>,
        pub delimiter: Option<String>,
        pub max_keys: Option<i32>,
        #[serde(default)]
        pub common_prefixes: Vec<CommonPrefix>,
        pub encoding_type: Option<String>,
        pub key_count: Option<i32>,
        pub continuation_token: Option<String>,
        pub next_continuation_token: Option<String>,
        pub start_after: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct Object {
        pub key: Option<String>,
        pub last_modified: Option<String>,
        #[serde(rename = "ETag")]
        pub e_tag: Option<String>,
        pub size: Option<i32>,
        pub storage_class: Option<String>,
        pub owner: Option<Owner>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct Owner {
        pub display_name: Option<String>,
        #[serde(rename = "ID")]
        pub id: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct CommonPrefix {
        pub prefix: Option<String>,
    }
}

/// A deterministic `ListObjectsV2` body as S3 sends it, with `OBJECTS` objects, escaped text,
/// and members neither side models (`ChecksumAlgorithm`, `RestoreStatus`), which both skip.
fn body() -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
         <Name>example-bucket</Name><Prefix>logs/</Prefix><KeyCount>10000</KeyCount>\
         <MaxKeys>10000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>\
         <ContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</ContinuationToken>\
         <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwN=</NextContinuationToken>",
    );
    let classes = ["STANDARD", "STANDARD_IA", "GLACIER"];
    for i in 0..OBJECTS {
        write!(
            xml,
            "<Contents><Key>logs/2026/11/{:02}/app-{i:06}.log &amp; more</Key>\
             <LastModified>2026-11-{:02}T{:02}:{:02}:{:02}.000Z</LastModified>\
             <ETag>&quot;{:032x}&quot;</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm>\
             <Size>{}</Size><Owner><DisplayName>owner-{}</DisplayName>\
             <ID>{:064x}</ID></Owner><StorageClass>{}</StorageClass>\
             <RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress></RestoreStatus>\
             </Contents>",
            i % 28 + 1,
            i % 28 + 1,
            i % 24,
            i % 60,
            (i * 7) % 60,
            (i as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            1024 + i * 37,
            i % 5,
            (i as u128).wrapping_mul(0x2545_f491_4f6c_dd1d),
            classes[i % 3],
        )
        .expect("writing to a String");
    }
    for p in 0..20 {
        write!(
            xml,
            "<CommonPrefixes><Prefix>logs/{p}/</Prefix></CommonPrefixes>"
        )
        .expect("writing to a String");
    }
    xml.push_str("</ListBucketResult>");
    xml.into_bytes()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn generated(body: &[u8]) -> s3::types::ListObjectsV2Output {
    smithy_runtime::xml::from_body(body, "ListBucketResult")
        .expect("generated decoder accepts the body")
}

fn serde(body: &[u8]) -> serde_side::ListBucketResult {
    let text = std::str::from_utf8(body).expect("the body is UTF-8");
    quick_xml::de::from_str(text).expect("quick-xml's serde accepts the body")
}

fn main() {
    let body = body();
    // Both decoders must read the same values before timing means anything.
    let ours = generated(&body);
    let theirs = serde(&body);
    let contents = ours.contents.as_deref().unwrap_or_default();
    assert_eq!(contents.len(), OBJECTS);
    assert_eq!(theirs.contents.len(), OBJECTS);
    for (a, b) in contents.iter().zip(&theirs.contents).step_by(997) {
        assert_eq!(a.key, b.key);
        assert_eq!(a.e_tag, b.e_tag);
        assert_eq!(a.size, b.size);
        assert_eq!(
            a.owner.as_ref().and_then(|o| o.id.clone()),
            b.owner.as_ref().and_then(|o| o.id.clone())
        );
    }
    assert!(contents[0]
        .key
        .as_deref()
        .is_some_and(|k| k.ends_with(" & more")));
    assert_eq!(ours.common_prefixes.as_ref().map(Vec::len), Some(20));
    assert_eq!(theirs.common_prefixes.len(), 20);

    let mut ours = Vec::with_capacity(ROUNDS);
    let mut theirs = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        black_box(generated(black_box(&body)));
        ours.push(start.elapsed());

        let start = Instant::now();
        black_box(serde(black_box(&body)));
        theirs.push(start.elapsed());
    }
    let (ours, theirs) = (median(ours), median(theirs));
    let megabytes = body.len() as f64 / 1e6;
    println!(
        "ListObjectsV2, {OBJECTS} objects, {megabytes:.1} MB, median of {ROUNDS} interleaved rounds"
    );
    println!(
        "  generated decoder:          {:>8.2} ms",
        ours.as_secs_f64() * 1e3
    );
    println!(
        "  quick-xml serde + derive:   {:>8.2} ms",
        theirs.as_secs_f64() * 1e3
    );
    println!(
        "  speed ratio (serde time / generated time): {:.2}x  (>= 1.00 means at least as fast as serde derive)",
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
    text_node_scaling();
}

/// One object whose key is a text node of `megabytes` MB (escaped characters included).
fn one_big_key(megabytes: usize) -> Vec<u8> {
    let piece = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789a&amp;";
    let text = piece.repeat(megabytes * 1_000_000 / piece.len());
    format!("<ListBucketResult><Contents><Key>{text}</Key></Contents></ListBucketResult>")
        .into_bytes()
}

/// Decoding time of a 10 MB and a 100 MB text node: linear decoding takes ten times as long.
fn text_node_scaling() {
    let time = |body: &[u8]| {
        let start = Instant::now();
        let output = generated(body);
        let elapsed = start.elapsed();
        let key_len = output.contents.as_deref().unwrap_or_default()[0]
            .key
            .as_ref()
            .map_or(0, String::len);
        (elapsed, key_len)
    };
    let (small, small_len) = time(&one_big_key(10));
    let (large, large_len) = time(&one_big_key(100));
    assert_eq!(large_len, small_len * 10);
    println!("One text node (generated decoder)");
    println!("  10 MB:  {:>8.2} ms", small.as_secs_f64() * 1e3);
    println!("  100 MB: {:>8.2} ms", large.as_secs_f64() * 1e3);
    println!(
        "  ratio: {:.1}  (10.0 is linear)",
        large.as_secs_f64() / small.as_secs_f64()
    );
}
