//! A small YAML tree for front matter, built from `saphyr-parser` events.
//!
//! We keep every scalar as the text the user wrote (so `phone: +4915112345678` and
//! `postcode: 01234` stay text), remember the line of every node, and refuse what could
//! exhaust memory or the stack: anchors and aliases, and nesting deeper than [`MAX_DEPTH`].

use saphyr_parser::{Event, Parser, ScalarStyle};

/// The deepest nesting of sequences and mappings front matter may use.
pub(crate) const MAX_DEPTH: usize = 32;

/// A YAML node and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// Line in the file (front matter offset already added).
    pub line: usize,
    /// What the node holds.
    pub value: Value,
}

/// The three kinds of YAML node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// A scalar exactly as written; `plain` is false for quoted and block scalars.
    Scalar {
        /// The scalar's text, after YAML unquoting and folding.
        text: String,
        /// Whether it was written without quotes (only plain scalars can be null or bool).
        plain: bool,
    },
    /// `- a` items or `[a, b]`.
    Sequence(Vec<Node>),
    /// `key: value` pairs in the order written.
    Mapping(Vec<(Node, Node)>),
}

impl Node {
    /// Whether this is a null: an empty value, `~` or `null`.
    pub(crate) fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The scalar text, if this is a scalar.
    pub(crate) fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A word for the kind of node, for messages (`a list`, `a mapping`, `text`).
    pub(crate) fn kind(&self) -> &'static str {
        match self.value {
            Value::Scalar { .. } => "text",
            Value::Sequence(_) => "a list",
            Value::Mapping(_) => "a mapping",
        }
    }
}

/// A YAML problem and the 1-based file line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// Line in the file.
    pub line: usize,
    /// What is wrong, in lower case.
    pub message: String,
}

enum Open {
    Sequence(usize, Vec<Node>),
    Mapping(usize, Vec<(Node, Node)>, Option<Node>),
}

/// Parses `text` (the front matter, starting on file line `first_line`) into a tree.
/// An empty document gives `Ok(None)`.
pub(crate) fn parse(text: &str, first_line: usize) -> Result<Option<Node>, YamlError> {
    let at = |line: usize| line + first_line - 1;
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|error| YamlError {
            line: at(error.marker().line()),
            message: format!("yaml syntax: {}", error.info()),
        })?;
        let line = at(span.start.line());
        let node = match event {
            Event::Alias(_) => {
                return Err(YamlError {
                    line,
                    message: "yaml aliases (`*name`) are not supported: write the value out"
                        .to_owned(),
                });
            }
            Event::Scalar(_, _, anchor, _)
            | Event::SequenceStart(anchor, _)
            | Event::MappingStart(anchor, _)
                if anchor != 0 =>
            {
                return Err(YamlError {
                    line,
                    message: "yaml anchors (`&name`) are not supported: write the value out"
                        .to_owned(),
                });
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if stack.len() >= MAX_DEPTH => {
                return Err(YamlError {
                    line,
                    message: format!("front matter is nested deeper than {MAX_DEPTH} levels"),
                });
            }
            Event::SequenceStart(..) => {
                stack.push(Open::Sequence(line, Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Open::Mapping(line, Vec::new(), None));
                continue;
            }
            Event::Scalar(text, style, _, _) => Node {
                line,
                value: Value::Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain,
                },
            },
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Sequence(line, items)) => Node {
                    line,
                    value: Value::Sequence(items),
                },
                Some(Open::Mapping(line, pairs, _)) => Node {
                    line,
                    value: Value::Mapping(pairs),
                },
                None => continue,
            },
            Event::DocumentStart(_) if root.is_some() => {
                return Err(YamlError {
                    line,
                    message: "front matter holds more than one yaml document".to_owned(),
                });
            }
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => {
                continue;
            }
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Sequence(_, items)) => items.push(node),
            Some(Open::Mapping(_, pairs, pending_key)) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => pairs.push((key, node)),
            },
        }
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> &str {
        node.as_scalar().expect("scalar")
    }

    #[test]
    fn keeps_scalars_as_written_with_lines() {
        let node = parse(
            "name: Jane\nphone: +4915112345678\npostcode: 01234\nok: no\n",
            2,
        )
        .expect("valid")
        .expect("not empty");
        let Value::Mapping(pairs) = node.value else {
            panic!("mapping")
        };
        assert_eq!(scalar(&pairs[1].1), "+4915112345678");
        assert_eq!(scalar(&pairs[2].1), "01234");
        assert_eq!(scalar(&pairs[3].1), "no");
        assert_eq!(pairs[0].0.line, 2);
        assert_eq!(pairs[3].0.line, 5);
    }

    #[test]
    fn refuses_anchors_and_aliases() {
        let error = parse("a: &x [1, 2]\nb: *x\n", 2).expect_err("anchor");
        assert_eq!(error.line, 2);
        assert!(error.message.contains("anchors"));
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let deep = format!("a: {}{}", "[".repeat(50_000), "]".repeat(50_000));
        let error = parse(&deep, 2).expect_err("too deep");
        assert!(
            error.message.contains("nested deeper") || error.message.contains("syntax"),
            "{}",
            error.message
        );
        let fine = format!("a: {}{}", "[".repeat(20), "]".repeat(20));
        assert!(parse(&fine, 2).is_ok());
    }

    #[test]
    fn reports_syntax_errors_with_file_lines() {
        let error = parse("name: Jane\ncompany: [Acme\n", 2).expect_err("unclosed");
        assert!(
            error.message.starts_with("yaml syntax"),
            "{}",
            error.message
        );
        assert!(error.line >= 3, "{}", error.line);
    }

    #[test]
    fn empty_front_matter_is_none() {
        assert_eq!(parse("", 2), Ok(None));
        assert_eq!(parse("# just a comment\n", 2), Ok(None));
    }
}
