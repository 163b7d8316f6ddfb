//! Just enough JSON for this sample: the top-level string and number members of one flat object
//! (the geolocation record and the pricing entries are both flat).

/// One top-level member value: a string, or any other scalar as its literal text.
#[derive(Debug, PartialEq)]
pub enum Value {
    Str(String),
    Literal(String),
}

/// The value of the top-level member `key` of the JSON object `text`, if present.
pub fn member(text: &str, key: &str) -> Option<Value> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    p.ws();
    p.eat(b'{')?;
    loop {
        p.ws();
        if p.peek()? == b'}' {
            return None;
        }
        let name = p.string()?;
        p.ws();
        p.eat(b':')?;
        p.ws();
        let value = p.value()?;
        if name == key {
            return value;
        }
        p.ws();
        match p.next()? {
            b',' => continue,
            _ => return None,
        }
    }
}

/// The member `key` as a string (`None` when absent or not a string).
pub fn string(text: &str, key: &str) -> Option<String> {
    match member(text, key)? {
        Value::Str(s) => Some(s),
        Value::Literal(_) => None,
    }
}

/// The member `key` as a number (`None` when absent or not a number).
pub fn number(text: &str, key: &str) -> Option<f64> {
    match member(text, key)? {
        Value::Literal(l) => l.parse().ok(),
        Value::Str(_) => None,
    }
}

/// Writes `s` as a JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        if self.next()? == c {
            Some(())
        } else {
            None
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// A string literal with its escapes decoded (surrogate pairs included).
    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut bytes = Vec::new();
        loop {
            match self.next()? {
                b'"' => return String::from_utf8(bytes).ok(),
                b'\\' => {
                    let c = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    };
                    let mut buf = [0u8; 4];
                    bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                b => bytes.push(b),
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    }

    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            self.eat(b'\\')?;
            self.eat(b'u')?;
            let low = self.hex4()?;
            return char::from_u32(0x10000 + ((first - 0xD800) << 10) + (low.checked_sub(0xDC00)? & 0x3FF));
        }
        char::from_u32(first)
    }

    /// A member value; nested objects and arrays are skipped and reported as absent.
    fn value(&mut self) -> Option<Option<Value>> {
        match self.peek()? {
            b'"' => Some(Some(Value::Str(self.string()?))),
            b'{' | b'[' => {
                self.skip_nested()?;
                Some(None)
            }
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
                Some(Some(Value::Literal(text.to_string())))
            }
        }
    }

    fn skip_nested(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        return Some(());
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
    }
}
