//! Runs a request's loader batches inside the request's own task, once the request can make
//! no more progress without them.
//!
//! async-graphql's DataLoader collects keys for a time window, then loads them on a task of
//! its spawner. With `tokio::spawn`, that task may start on another core while the request is
//! still walking a large page — slow in a debug build or under load — so one relation's keys
//! split into several batches and the statement count grows with the page; and even a zero
//! window waits for the runtime's next timer tick (up to 1 ms per wave of a nested query).
//! Here a [`Batched`] loader queues one batch per relation, and the request's task starts the
//! batches in waves: only when the resolver tree is *quiescent* (it returned `Pending` without
//! waking itself, so every field that can ask for a key has asked) and the previous wave has
//! finished. That gives one batch per relation and wave, whatever the page size, the
//! machine's speed or the order in which I/O completes, and no timer anywhere.

use std::{
    future::Future,
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    task::{Context, Poll, Waker},
};

use std::{
    collections::{HashMap, HashSet},
    hash::Hash,
    sync::Mutex,
};

use async_graphql::dataloader::Loader;
use futures::{
    StreamExt,
    channel::oneshot,
    future::BoxFuture,
    stream::FuturesUnordered,
    task::{ArcWake, waker},
};
use tokio::sync::mpsc;

/// Where a request's loaders queue their batches.
#[derive(Clone)]
pub struct Batches(mpsc::UnboundedSender<BoxFuture<'static, ()>>);

impl Batches {
    /// Queues a batch; it runs when the request next waits on its loaders.
    pub fn push(&self, batch: BoxFuture<'static, ()>) {
        // The receiver lives as long as the request; after it, nothing waits for this batch.
        let _ = self.0.send(batch);
    }
}

/// What a batch hands every waiter: all the values it loaded, shared.
type Loaded<K, V, E> = Result<Arc<HashMap<K, V>>, E>;

/// The keys asked for since the last batch of one loader, and who waits for them.
struct Pending<K, V, E> {
    keys: HashSet<K>,
    waiters: Vec<oneshot::Sender<Loaded<K, V, E>>>,
}

/// A loader's next batch, shared by the loader and the queued batch that takes it.
type Slot<K, V, E> = Arc<Mutex<Option<Pending<K, V, E>>>>;

/// A loader whose keys are gathered until the request's next wave, then loaded in one call.
pub struct Batched<L, K>
where
    L: Loader<K>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
{
    loader: Arc<L>,
    pending: Slot<K, L::Value, L::Error>,
    batches: Batches,
}

impl<L, K> Batched<L, K>
where
    L: Loader<K>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
{
    pub fn new(loader: L, batches: &Batches) -> Self {
        Batched {
            loader: Arc::new(loader),
            pending: Arc::new(Mutex::new(None)),
            batches: batches.clone(),
        }
    }

    /// The value of one key, once the batch holding it has run.
    pub async fn load_one(&self, key: K) -> Result<Option<L::Value>, L::Error> {
        let mut found = self.load_many([key.clone()]).await?;
        Ok(found.remove(&key))
    }

    /// The values of these keys (missing ones left out), once the batch holding them has run.
    pub async fn load_many(
        &self,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<HashMap<K, L::Value>, L::Error> {
        let keys: Vec<K> = keys.into_iter().collect();
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        let (tx, rx) = oneshot::channel();
        {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            let first = pending.is_none();
            let batch = pending.get_or_insert_with(|| Pending {
                keys: HashSet::new(),
                waiters: Vec::new(),
            });
            batch.keys.extend(keys.iter().cloned());
            batch.waiters.push(tx);
            if first {
                let loader = self.loader.clone();
                let slot = self.pending.clone();
                self.batches.push(Box::pin(async move {
                    let Some(batch) = slot.lock().unwrap_or_else(|e| e.into_inner()).take() else {
                        return;
                    };
                    let keys: Vec<K> = batch.keys.into_iter().collect();
                    let result = loader.load(&keys).await.map(Arc::new);
                    for waiter in batch.waiters {
                        let _ = waiter.send(result.clone());
                    }
                }));
            }
        }
        let all = rx
            .await
            .expect("a queued batch runs before its request ends")?;
        Ok(keys
            .into_iter()
            .filter_map(|k| all.get(&k).map(|v| (k, v.clone())))
            .collect())
    }
}

/// Where queued batches wait until [`drive`] starts them.
pub struct Queued(mpsc::UnboundedReceiver<BoxFuture<'static, ()>>);

impl Batches {
    /// A fresh queue: the loaders of one request push into it, [`drive`] runs what they push.
    pub fn new() -> (Batches, Queued) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Batches(tx), Queued(rx))
    }
}

/// Runs `work` (a request's resolver tree) to completion in this task, starting the batches
/// its loaders queue in waves, each once the tree is quiescent.
pub async fn drive<'a, T>(work: impl Future<Output = T> + Send + 'a, queued: Queued) -> T {
    Quiescent {
        run: Box::pin(work),
        queued: queued.0,
        running: FuturesUnordered::new(),
    }
    .await
}

/// How many times in a row the resolver tree may be polled again at once (it woke itself,
/// e.g. a cooperative yield) before the task yields to the runtime.
const SPINS: usize = 16;

struct Quiescent<'a, T> {
    run: Pin<Box<dyn Future<Output = T> + Send + 'a>>,
    queued: mpsc::UnboundedReceiver<BoxFuture<'static, ()>>,
    running: FuturesUnordered<BoxFuture<'static, ()>>,
}

/// Wakes the task and remembers that it was woken.
struct Flag {
    task: Waker,
    woken: AtomicBool,
}

impl ArcWake for Flag {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.woken.store(true, Ordering::SeqCst);
        arc_self.task.wake_by_ref();
    }
}

impl<T> Quiescent<'_, T> {
    /// Polls the resolver tree until it is done, or waits without having woken itself
    /// (`Some(false)`), or keeps waking itself (`Some(true)`: busy).
    fn step(&mut self, cx: &mut Context<'_>) -> Result<T, bool> {
        for _ in 0..SPINS {
            let flag = Arc::new(Flag {
                task: cx.waker().clone(),
                woken: AtomicBool::new(false),
            });
            let tracking = waker(flag.clone());
            if let Poll::Ready(response) =
                self.run.as_mut().poll(&mut Context::from_waker(&tracking))
            {
                return Ok(response);
            }
            if !flag.woken.load(Ordering::SeqCst) {
                return Err(false);
            }
        }
        Err(true)
    }
}

impl<T> Future for Quiescent<'_, T> {
    type Output = T;

    /// Batches run in waves: a wave starts only when the previous one has finished and the
    /// resolver tree has taken in its results and asked for every key it can. So which keys
    /// share a batch depends on the query's shape, never on which batch's I/O came back first.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        loop {
            match self.step(cx) {
                Ok(response) => return Poll::Ready(response),
                Err(true) => {
                    // Still busy: let other tasks run, and come back before starting a wave.
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                Err(false) => {}
            }
            if self.running.is_empty() {
                while let Poll::Ready(Some(batch)) = self.queued.poll_recv(cx) {
                    self.running.push(batch);
                }
                if self.running.is_empty() {
                    return Poll::Pending;
                }
            }
            while let Poll::Ready(Some(())) = self.running.poll_next_unpin(cx) {}
            if !self.running.is_empty() {
                return Poll::Pending;
            }
            // The wave is done: let the resolvers take in its results before the next one.
        }
    }
}
