//! Work spread over the machine's cores, with results taken in their original order.
//!
//! In: pieces of work (chunks of a table's rows, the Building Blocks of a framework) and a pure
//! function for one piece. Out: each piece's result, handed to the caller on its own thread in
//! the pieces' order, so that what follows (duplicate checks, ledgers, diagnostics, result lists)
//! is exactly what a single thread would have produced. [`join`] runs two different pieces of
//! work side by side (the report context beside results.json). Not here: any I/O, or deciding
//! what a piece is; a panic in a piece is not caught (it is a bug, and ends the run as any panic
//! does).
//!
//! Why: reading a national inventory's rows into systems and scoring its Building Blocks are
//! independent per row and per BB, and a ministry's laptop has more than one core. Scoped threads
//! from the standard library do the job in a few lines; a thread-pool crate would add a
//! dependency for no gain at this size.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Mutex, PoisonError};

/// The most threads a call uses, the caller's included: enough for a large laptop; beyond it,
/// the sequential steps between pieces are what bounds the time.
const MOST_THREADS: usize = 8;

/// How many threads to use: the cores the process may run on, at most [`MOST_THREADS`].
/// `DPI_ASSESS_THREADS` sets it (1 runs everything on the calling thread, as a check that the
/// parallel and the sequential runs agree).
pub fn threads() -> usize {
    if let Some(n) = std::env::var("DPI_ASSESS_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n >= 1)
    {
        return n.min(MOST_THREADS);
    }
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .min(MOST_THREADS)
}

/// Runs `work` on every piece, on up to [`threads`] threads, and passes each result to `take`
/// on the calling thread in the pieces' order. The calling thread works on pieces too while the
/// next result in order is not ready, so a run on one core costs what a plain loop costs.
///
/// Results that finish ahead of their turn wait in memory, so pieces should be small enough
/// that a few of them waiting costs little (a few thousand rows, one BB).
pub fn in_order<P, R>(pieces: Vec<P>, work: impl Fn(P) -> R + Sync, mut take: impl FnMut(R))
where
    P: Send,
    R: Send,
{
    let count = pieces.len();
    let threads = threads().min(count);
    if threads <= 1 {
        pieces.into_iter().for_each(|piece| take(work(piece)));
        return;
    }
    let queue = Mutex::new(pieces.into_iter().enumerate());
    // Taking the next piece cannot panic, so the lock is never poisoned by a thread that held
    // it; a poisoned lock is still safe to use.
    let next_piece = || queue.lock().unwrap_or_else(PoisonError::into_inner).next();
    let (send, receive) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let send = send.clone();
            let (work, next_piece) = (&work, &next_piece);
            scope.spawn(move || {
                while let Some((index, piece)) = next_piece() {
                    if send.send((index, work(piece))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0;
        while next < count {
            while let Ok((index, result)) = receive.try_recv() {
                waiting.insert(index, result);
            }
            if let Some(result) = waiting.remove(&next) {
                take(result);
                next += 1;
                continue;
            }
            match next_piece() {
                Some((index, piece)) => {
                    waiting.insert(index, work(piece));
                }
                None => match receive.recv() {
                    Ok((index, result)) => {
                        waiting.insert(index, result);
                    }
                    // Every helper is gone with pieces unfinished: one panicked, and the scope
                    // passes its panic on when it ends.
                    Err(_) => break,
                },
            }
        }
    });
}

/// `work` applied to every item, in parallel, as a vector in the items' order.
pub fn map<I, R>(items: &[I], work: impl Fn(&I) -> R + Sync) -> Vec<R>
where
    I: Sync,
    R: Send,
{
    let mut out = Vec::with_capacity(items.len());
    in_order(items.iter().collect(), work, |result| out.push(result));
    out
}

/// Runs `a` on another thread while `b` runs on the calling one (both on the calling thread, `b`
/// first, when [`threads`] is 1), and returns both results.
pub fn join<A, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B)
where
    A: Send,
{
    if threads() <= 1 {
        let b = b();
        return (a(), b);
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        match a.join() {
            Ok(a) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_pieces_whatever_order_they_finish_in() {
        // Earlier pieces take longer, so that later ones finish first on other threads.
        let pieces: Vec<u64> = (0..40).collect();
        let mut seen = Vec::new();
        in_order(
            pieces,
            |n| {
                std::thread::sleep(std::time::Duration::from_micros(200 * (40 - n)));
                n * n
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, (0..40).map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn join_returns_both_results() {
        let (a, b) = join(|| (1..=100).sum::<u32>(), || "b");
        assert_eq!((a, b), (5050, "b"));
    }

    #[test]
    fn map_keeps_order_and_handles_no_items_and_one() {
        assert_eq!(map(&[3, 1, 2], |n| n * 10), vec![30, 10, 20]);
        assert!(map(&[] as &[u8], |n| *n).is_empty());
        assert_eq!(map(&["a"], |s| s.len()), vec![1]);
    }

    #[test]
    fn pieces_may_be_mutable_chunks_of_one_slice() {
        let mut rows: Vec<u32> = (1..=1000).collect();
        let mut sums = Vec::new();
        in_order(
            rows.chunks_mut(64).collect(),
            |chunk: &mut [u32]| {
                let sum: u32 = chunk.iter().sum();
                chunk.iter_mut().for_each(|n| *n = 0);
                sum
            },
            |s| sums.push(s),
        );
        assert_eq!(sums.iter().sum::<u32>(), 500_500);
        assert_eq!(sums.len(), 16);
        assert!(rows.iter().all(|n| *n == 0));
    }
}
