//! Unit tests of the botocore front end.
