//! Template values made the first time a page needs them: `serve` renders one page at a
//! time and should not pay for the values of every other one, and `build` still makes
//! each value once however many pages show it. [`CountedValues`] also drops each value
//! after the last page that shows it, so that a build does not hold them all at once.

use minijinja::Value;
use std::sync::{Mutex, OnceLock};

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

/// The value of each of `uses.len()` items, made by `make` on first use and kept only
/// until it has been asked for `uses[i]` times: the number of pages a build renders with
/// it. Asked for once more (a page rendered again, as `serve` does), it is made again;
/// a count too high only keeps it longer. Either way each page gets the same value.
pub(crate) struct CountedValues<'r> {
    cells: Vec<Mutex<Counted>>,
    make: Box<dyn Fn(usize) -> Value + Send + Sync + 'r>,
}

/// A value, if made and still to be asked for, and how many times it will be.
struct Counted {
    value: Option<Value>,
    left: u32,
    /// Whether it was asked for more times than counted.
    #[cfg(test)]
    over: bool,
}

impl<'r> CountedValues<'r> {
    /// Value `i` being `make(i)`, asked for `uses[i]` times.
    pub(crate) fn new(uses: &[u32], make: impl Fn(usize) -> Value + Send + Sync + 'r) -> Self {
        CountedValues {
            cells: uses
                .iter()
                .map(|&left| {
                    Mutex::new(Counted {
                        value: None,
                        left,
                        #[cfg(test)]
                        over: false,
                    })
                })
                .collect(),
            make: Box::new(make),
        }
    }

    /// Value `i`, counted as one of its uses: after the last, it is dropped.
    pub(crate) fn get(&self, i: usize) -> Value {
        // Locked while it is made, so that two pages that want it at once make it once.
        let Ok(mut cell) = self.cells[i].lock() else {
            return (self.make)(i);
        };
        #[cfg(test)]
        if cell.left == 0 {
            cell.over = true;
        }
        cell.left = cell.left.saturating_sub(1);
        let value = match cell.value.take() {
            Some(value) => value,
            None => (self.make)(i),
        };
        if cell.left > 0 {
            cell.value = Some(value.clone());
        }
        value
    }

    /// Value `i`, made afresh for a page its uses do not count.
    pub(crate) fn make(&self, i: usize) -> Value {
        (self.make)(i)
    }

    /// Whether value `i` is held, made and not yet asked for as many times as counted.
    #[cfg(test)]
    fn is_held(&self, i: usize) -> bool {
        self.cells[i].lock().is_ok_and(|cell| cell.value.is_some())
    }

    /// Whether every value was asked for exactly as many times as counted: none held
    /// any longer, none made again.
    #[cfg(test)]
    pub(crate) fn all_used_as_counted(&self) -> bool {
        self.cells.iter().all(|cell| {
            cell.lock()
                .is_ok_and(|cell| cell.value.is_none() && cell.left == 0 && !cell.over)
        })
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

    #[test]
    fn counted_values_are_made_once_and_dropped_after_their_last_use() {
        let made = AtomicUsize::new(0);
        let values = CountedValues::new(&[2, 1, 0], |i| {
            made.fetch_add(1, Ordering::SeqCst);
            Value::from(i * 10)
        });
        assert_eq!(made.load(Ordering::SeqCst), 0);
        assert_eq!(values.get(0), Value::from(0));
        assert!(values.is_held(0));
        assert_eq!(values.get(0), Value::from(0));
        assert_eq!(made.load(Ordering::SeqCst), 1);
        assert!(!values.is_held(0));
        // Used once: never held.
        assert_eq!(values.get(1), Value::from(10));
        assert!(!values.is_held(1));
        assert!(values.all_used_as_counted());
        // Asked for more often than counted: made again, the same value, not held.
        assert_eq!(values.get(0), Value::from(0));
        assert_eq!(values.get(2), Value::from(20));
        assert!(!values.is_held(0) && !values.is_held(2));
        assert_eq!(made.load(Ordering::SeqCst), 4);
        assert!(!values.all_used_as_counted());
        // Made outside the count: the count is left as it was.
        let fresh = CountedValues::new(&[1], Value::from);
        assert_eq!(fresh.make(0), Value::from(0));
        assert!(!fresh.is_held(0));
        assert!(!fresh.all_used_as_counted());
        assert_eq!(fresh.get(0), Value::from(0));
        assert!(!fresh.is_held(0));
    }
}
