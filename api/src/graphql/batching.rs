//! Runs a request's DataLoader batches inside the request's own task, once the request can
//! make no more progress without them.
//!
//! async-graphql's DataLoader collects keys for a time window, then loads them on a task of
//! its spawner. With `tokio::spawn`, that task may start on another core while the request is
//! still walking a large page — slow in a debug build or under load — so one relation's keys
//! split into several batches and the statement count grows with the page. Here batches are
//! queued, and the request's task starts them in waves: only when the resolver tree is
//! *quiescent* (it returned `Pending` without waking itself, so every field that can ask for
//! a key has asked) and the previous wave has finished. That gives one batch per relation and
//! wave, whatever the page size, the machine's speed or the order in which I/O completes.

use std::{
    future::Future,
    pin::Pin,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    task::{Context, Poll, Waker},
};

use async_graphql::{Request, Response};
use futures::{
    StreamExt,
    future::BoxFuture,
    stream::FuturesUnordered,
    task::{ArcWake, waker},
};
use sea_orm::DatabaseConnection;
use tokio::sync::mpsc;

use super::{loaders::Loaders, schema::AppSchema};

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

/// Executes `request` with fresh loaders whose batches run in this task.
pub async fn execute(schema: &AppSchema, db: &DatabaseConnection, request: Request) -> Response {
    let (tx, rx) = mpsc::unbounded_channel();
    let loaders = Loaders::new(db, &Batches(tx));
    Quiescent {
        run: Box::pin(schema.execute(request.data(loaders))),
        queued: rx,
        running: FuturesUnordered::new(),
    }
    .await
}

/// How many times in a row the resolver tree may be polled again at once (it woke itself,
/// e.g. a cooperative yield) before the task yields to the runtime.
const SPINS: usize = 16;

struct Quiescent<'a> {
    run: Pin<Box<dyn Future<Output = Response> + Send + 'a>>,
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

impl Quiescent<'_> {
    /// Polls the resolver tree until it is done, or waits without having woken itself
    /// (`Some(false)`), or keeps waking itself (`Some(true)`: busy).
    fn drive(&mut self, cx: &mut Context<'_>) -> Result<Response, bool> {
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

impl Future for Quiescent<'_> {
    type Output = Response;

    /// Batches run in waves: a wave starts only when the previous one has finished and the
    /// resolver tree has taken in its results and asked for every key it can. So which keys
    /// share a batch depends on the query's shape, never on which batch's I/O came back first.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        loop {
            match self.drive(cx) {
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
