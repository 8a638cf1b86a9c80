//! The inbox: what fetches (and agents) brought in, triaged by a person — accepted into an
//! event or dismissed. Nothing here is a recorded fact until it is accepted.

mod add;
mod mutation;
mod query;
mod types;

pub use add::InboxAddMutation;
pub use mutation::InboxMutation;
pub use query::InboxQuery;
pub use types::InboxItem;
