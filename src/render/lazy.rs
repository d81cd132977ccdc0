//! Template values made the first time a page needs them: `serve` renders one page at a
//! time and should not pay for the values of every other one, and `build` still makes
//! each value once however many pages show it.

use minijinja::Value;
use std::sync::OnceLock;

/// The value of each of `len` items, made by `make` on first use.
pub(crate) struct LazyValues<'r> {
    cells: Vec<OnceLock<Value>>,
    make: Box<dyn Fn(usize) -> Value + Send + Sync + 'r>,
}

impl<'r> LazyValues<'r> {
    /// `len` values, value `i` being `make(i)`.
    pub(crate) fn new(len: usize, make: impl Fn(usize) -> Value + Send + Sync + 'r) -> Self {
        LazyValues {
            cells: (0..len).map(|_| OnceLock::new()).collect(),
            make: Box::new(make),
        }
    }

    /// Value `i`.
    pub(crate) fn get(&self, i: usize) -> &Value {
        self.cells[i].get_or_init(|| (self.make)(i))
    }
}

impl std::ops::Index<usize> for LazyValues<'_> {
    type Output = Value;

    fn index(&self, i: usize) -> &Value {
        self.get(i)
    }
}

impl<'a> IntoIterator for &'a LazyValues<'_> {
    type Item = &'a Value;
    type IntoIter = Box<dyn Iterator<Item = &'a Value> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new((0..self.cells.len()).map(move |i| self.get(i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn makes_each_value_once_and_only_when_asked() {
        let made = AtomicUsize::new(0);
        let values = LazyValues::new(3, |i| {
            made.fetch_add(1, Ordering::SeqCst);
            Value::from(i * 10)
        });
        assert_eq!(made.load(Ordering::SeqCst), 0);
        assert_eq!(values[2], Value::from(20));
        assert_eq!(values[2], Value::from(20));
        assert_eq!(made.load(Ordering::SeqCst), 1);
        let all: Vec<&Value> = values.into_iter().collect();
        assert_eq!(all.len(), 3);
        assert_eq!(made.load(Ordering::SeqCst), 3);
    }
}
