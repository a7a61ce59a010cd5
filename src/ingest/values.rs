//! Reading single values: numbers, shares, yes/no, lists, dates and vocabulary codes.
//!
//! In: a [`Cell`]. Out: the typed value, or a [`Problem`] saying what was expected; the caller
//! turns problems into located diagnostics. Pure functions, no I/O.
//!
//! Strict on meaning: a value outside the allowed set is an error naming the allowed set, never
//! a guess. Lenient on form: numbers written as text (`1 200`, `1,200`, `45%`) are numbers.

use std::borrow::Cow;

use super::table::{Cell, format_number};
use crate::model::Date;

/// Why a value cannot be read, and what would have been accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What is wrong, naming the value.
    pub message: String,
    /// What is accepted.
    pub hint: String,
}

impl Problem {
    /// A problem with its hint.
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// A vocabulary value as compared: lowercase, with spaces and `-` as `_`, runs collapsed.
pub fn normalise_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_code(&mut out, text);
    out
}

/// Appends the normal form of `text` as a code ([`normalise_code`]) to `out`.
pub fn push_code(out: &mut String, text: &str) {
    out.extend(CodeChars::new(text.trim()));
}

/// The normal form of a text as a code, borrowed when the text is already in it (as most
/// vocabulary cells are), so that reading a cell allocates nothing.
pub fn code_of(text: &str) -> Cow<'_, str> {
    if is_code(text, text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalise_code(text))
    }
}

/// Whether `text` normalises to `code` (itself a normalised code), compared character by
/// character without building the normal form: this runs for several cells of every inventory
/// row.
pub fn is_code(text: &str, code: &str) -> bool {
    CodeChars::new(text.trim()).eq(code.chars())
}

/// Whether two texts have the same normal form as codes, compared without building either.
pub fn same_code(text: &str, other: &str) -> bool {
    CodeChars::new(text.trim()).eq(CodeChars::new(other.trim()))
}

/// The characters of a text's normal form as a code ([`normalise_code`]): lowercase, with each
/// run of spaces, hyphens, no-break spaces and underscores as one `_`, none at either end.
struct CodeChars<'t> {
    chars: std::str::Chars<'t>,
    /// Lowercase letters still to give (a few characters lowercase to more than one).
    lowered: std::char::ToLowercase,
    /// A separator was passed and is given before the next other character.
    pending_separator: bool,
    started: bool,
}

impl<'t> CodeChars<'t> {
    fn new(text: &'t str) -> Self {
        // An exhausted lowercase iterator to start from.
        let mut lowered = ' '.to_lowercase();
        lowered.next();
        CodeChars {
            chars: text.chars(),
            lowered,
            pending_separator: false,
            started: false,
        }
    }
}

impl Iterator for CodeChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.lowered.next() {
            return Some(c);
        }
        loop {
            let c = self.chars.next()?;
            if matches!(c, ' ' | '-' | '\u{a0}' | '_') {
                self.pending_separator = self.started;
                continue;
            }
            if self.pending_separator {
                // Give the separator now; the character comes next.
                self.pending_separator = false;
                self.lowered = c.to_lowercase();
                return Some('_');
            }
            self.started = true;
            if c.is_ascii() {
                return Some(c.to_ascii_lowercase());
            }
            self.lowered = c.to_lowercase();
            return self.lowered.next();
        }
    }
}

/// A number, and whether it was written with `%`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The value as written (45 for `45%`).
    pub value: f64,
    /// Written with a percent sign.
    pub percent_sign: bool,
}

/// Reads a number from a numeric cell or from text such as `1 200`, `1,200`, `0,5`, `45%`.
pub fn number(cell: &Cell) -> Result<Number, Problem> {
    let expected = "a number such as 12, 12.5 or 45%";
    match cell {
        Cell::Number(value) => Ok(Number {
            value: *value,
            percent_sign: false,
        }),
        // What the author sees is what counts: a cell showing 85 % is 85 with a percent sign.
        Cell::Percent(fraction) => Ok(Number {
            value: super::table::percent_of(*fraction),
            percent_sign: true,
        }),
        Cell::Text(text) => parse_number_text(text)
            .ok_or_else(|| Problem::new(format!("`{text}` is not a number"), format!("write {expected}"))),
        other => Err(Problem::new(
            format!("`{}` is not a number", other.display()),
            format!("write {expected}"),
        )),
    }
}

fn parse_number_text(text: &str) -> Option<Number> {
    let mut body: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let percent_sign = body.ends_with('%');
    if percent_sign {
        body.pop();
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let body = if commas > 0 && dots == 0 {
        // `1,200` and `1,200,000` group thousands; `0,5` and `12,75` use a decimal comma.
        let groups: Vec<&str> = body.split(',').collect();
        let thousands = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups[0] != "0";
        if thousands {
            body.replace(',', "")
        } else if commas == 1 {
            body.replace(',', ".")
        } else {
            return None;
        }
    } else if commas > 0 {
        // `1,200.5`: commas group thousands.
        body.replace(',', "")
    } else {
        body
    };
    let value: f64 = body.parse().ok()?;
    value.is_finite().then_some(Number { value, percent_sign })
}

/// A share of a population, 0..1, from `85%`, `85` or `0.85`: a value above 1 is read as a
/// percentage, so `1` means everyone (100 %).
pub fn share(cell: &Cell) -> Result<f64, Problem> {
    let hint = "write a share such as 85%, 85 or 0.85 (between 0 and 100 %)";
    let number = number(cell).map_err(|p| Problem::new(p.message, hint))?;
    let share = if number.percent_sign || number.value > 1.0 {
        number.value / 100.0
    } else {
        number.value
    };
    if !(0.0..=1.0).contains(&share) {
        return Err(Problem::new(
            format!("`{}` is outside 0..100 %", cell.display()),
            hint,
        ));
    }
    Ok(share)
}

/// A count (transactions, users): a number at or above zero.
pub fn count(cell: &Cell) -> Result<f64, Problem> {
    let hint = "write a whole number such as 120000 (no units)";
    let number = number(cell).map_err(|p| Problem::new(p.message, hint))?;
    if number.value < 0.0 || number.percent_sign {
        return Err(Problem::new(format!("`{}` is not a count", cell.display()), hint));
    }
    Ok(number.value)
}

/// Yes or no, from a boolean cell, `yes`/`no`, `y`/`n`, `true`/`false` or `1`/`0`.
pub fn yes_no(cell: &Cell) -> Result<bool, Problem> {
    let hint = "write yes or no";
    match cell {
        Cell::Bool(value) => Ok(*value),
        Cell::Number(value) if *value == 1.0 => Ok(true),
        Cell::Number(value) if *value == 0.0 => Ok(false),
        Cell::Text(text) => match code_of(text).as_ref() {
            "yes" | "y" | "true" | "1" => Ok(true),
            "no" | "n" | "false" | "0" => Ok(false),
            _ => Err(Problem::new(format!("`{text}` is not yes or no"), hint)),
        },
        other => Err(Problem::new(
            format!("`{}` is not yes or no", other.display()),
            hint,
        )),
    }
}

/// Items of a list of names, separated by `;`, `|` or line breaks (not commas: institution
/// names contain them); empty items dropped.
pub fn list(cell: &Cell) -> Vec<String> {
    split(cell, NAME_SEPARATORS)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// Items of a list of codes or short names (BBs), separated by `;`, `,`, `|` or line breaks;
/// borrowed from a text cell, since they are only looked up.
pub fn code_list(cell: &Cell) -> Vec<Cow<'_, str>> {
    split(cell, CODE_SEPARATORS)
}

const NAME_SEPARATORS: &[char] = &[';', '|', '\n'];
const CODE_SEPARATORS: &[char] = &[';', ',', '|', '\n'];

fn split<'c>(cell: &'c Cell, separators: &[char]) -> Vec<Cow<'c, str>> {
    let items = |text: &'c str| {
        text.split(separators)
            .map(str::trim)
            .filter(|item| !item.is_empty())
    };
    match cell {
        Cell::Empty => Vec::new(),
        // A text cell is split where it lies; only other cells are written out first.
        Cell::Text(text) => items(text).map(Cow::Borrowed).collect(),
        other => other
            .display()
            .split(separators)
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| Cow::Owned(item.to_string()))
            .collect(),
    }
}

/// A date from a date cell, an ISO `YYYY-MM-DD` text, or an Excel serial number (a date cell
/// whose format was lost).
pub fn date(cell: &Cell) -> Result<Date, Problem> {
    let hint = "write the date as YYYY-MM-DD, e.g. 2026-03-31";
    match cell {
        Cell::Date(date) => Ok(*date),
        // Serial 25569 is 1970-01-01 in Excel's 1900 system; 1 to 2958465 is Excel's range.
        Cell::Number(serial) if (1.0..2_958_466.0).contains(serial) => {
            Ok(Date::from_unix_days(serial.floor() as i64 - 25_569))
        }
        Cell::Text(text) => text
            .get(..10)
            .filter(|_| text.len() == 10 || text.as_bytes().get(10).is_some_and(|b| *b == b'T' || *b == b' '))
            .and_then(Date::parse)
            .ok_or_else(|| Problem::new(format!("`{text}` is not a date"), hint)),
        other => Err(Problem::new(format!("`{}` is not a date", other.display()), hint)),
    }
}

/// Reads a vocabulary value: the code itself across case, spaces and `-`, or one of the aliases.
pub fn vocabulary<T: Copy>(
    cell: &Cell,
    what: &str,
    from_code: impl Fn(&str) -> Option<T>,
    aliases: &[(&str, T)],
    allowed: fn() -> String,
) -> Result<T, Problem> {
    let written;
    let text: &str = match cell {
        Cell::Text(text) => text,
        other => {
            written = other.display();
            &written
        }
    };
    let key = code_of(text);
    from_code(&key)
        .or_else(|| aliases.iter().find(|(alias, _)| *alias == key).map(|(_, v)| *v))
        .ok_or_else(|| {
            Problem::new(
                format!("`{text}` is not a known {what}"),
                format!("allowed: {}", allowed()),
            )
        })
}

/// A number as text for messages.
pub fn show(value: f64) -> String {
    format_number(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn numbers_as_text_are_numbers() {
        let n = |s: &str| number(&text(s)).map(|n| (n.value, n.percent_sign));
        assert_eq!(n("12"), Ok((12.0, false)));
        assert_eq!(n("1 200"), Ok((1200.0, false)));
        assert_eq!(n("1,200,000"), Ok((1_200_000.0, false)));
        assert_eq!(n("0,5"), Ok((0.5, false)));
        assert_eq!(n("12,75"), Ok((12.75, false)));
        assert_eq!(n("45%"), Ok((45.0, true)));
        assert_eq!(n("45 %"), Ok((45.0, true)));
        assert!(n("about half").is_err());
        assert!(n("NaN").is_err());
    }

    #[test]
    fn shares_resolve_by_the_columns_unit() {
        assert_eq!(share(&text("85%")), Ok(0.85));
        assert_eq!(share(&Cell::Number(85.0)), Ok(0.85));
        assert_eq!(share(&Cell::Number(0.85)), Ok(0.85));
        assert_eq!(share(&Cell::Number(1.0)), Ok(1.0));
        // A cell formatted as a percentage means what it shows.
        assert_eq!(share(&Cell::Percent(1.0)), Ok(1.0));
        assert_eq!(share(&Cell::Percent(0.85)), Ok(0.85));
        assert_eq!(share(&Cell::Percent(0.005)), Ok(0.005));
        assert_eq!(
            number(&Cell::Percent(0.05)),
            Ok(Number {
                value: 5.0,
                percent_sign: true
            })
        );
        assert!(share(&Cell::Number(120.0)).is_err());
        assert!(share(&text("-5%")).is_err());
    }

    #[test]
    fn dates_come_in_three_forms() {
        let expected = Date::parse("2024-06-20").unwrap();
        assert_eq!(date(&Cell::Date(expected)), Ok(expected));
        assert_eq!(date(&Cell::Number(45463.0)), Ok(expected));
        assert_eq!(date(&text("2024-06-20")), Ok(expected));
        assert_eq!(date(&text("2024-06-20T10:00:00")), Ok(expected));
        assert!(date(&text("20/06/2024")).is_err());
    }

    #[test]
    fn codes_normalise_across_case_and_separators() {
        assert_eq!(normalise_code(" Point-to-Point "), "point_to_point");
        assert_eq!(normalise_code("data  exchange layer"), "data_exchange_layer");
        assert_eq!(normalise_code("__Ministry  of__ Health-"), "ministry_of_health");
        assert_eq!(
            normalise_code("Ministère\u{a0}de l'Économie"),
            "ministère_de_l'économie"
        );
        assert_eq!(normalise_code("İstanbul"), "i\u{307}stanbul");
        assert_eq!(normalise_code(" - "), "");
    }

    #[test]
    fn codes_compare_as_their_normal_forms() {
        for (text, other) in [
            ("Ministry of Health", "ministry_of_health"),
            ("Ministry of Health ", "ministry-of-health"),
            ("İstanbul", "i\u{307}stanbul"),
            ("NIA", "nia_"),
            ("NIA", "ni"),
            ("", ""),
            ("-", ""),
            ("a b", "ab"),
        ] {
            assert_eq!(
                is_code(text, &normalise_code(other)),
                normalise_code(text) == normalise_code(other),
                "{text:?} against {other:?}"
            );
        }
    }

    #[test]
    fn lists_split_on_common_separators() {
        assert_eq!(
            code_list(&text("identity; payments,messaging")),
            ["identity", "payments", "messaging"]
        );
        assert_eq!(
            list(&text("Ministry of Health, Labour and Welfare; NIA")),
            ["Ministry of Health, Labour and Welfare", "NIA"]
        );
        assert!(list(&Cell::Empty).is_empty());
    }
}
