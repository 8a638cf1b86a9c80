//! The landscape's tables as sea-orm entities, one file per table, and the value types and
//! vocabularies their columns hold.

pub mod codes;
mod enums;
pub mod record;
pub mod search;
mod values;

pub use enums::*;
pub use record::{Kind, Record};
pub use values::{Dec, DecParseError, StringList};

pub mod api_token;
pub mod benchmark;
pub mod company;
pub mod credit_cost;
pub mod digest_note;
pub mod event;
pub mod event_company;
pub mod event_model;
pub mod event_product;
pub mod exchange_rate;
pub mod filing;
pub mod free_quota;
pub mod inbox_item;
pub mod inbox_match;
pub mod lease;
pub mod media_type;
pub mod model;
pub mod model_media_type;
pub mod model_task;
pub mod offering;
pub mod outbox;
pub mod plan_model;
pub mod price;
pub mod product;
pub mod product_model;
pub mod product_task;
pub mod revision;
pub mod score;
pub mod search_gram;
pub mod source;
pub mod subscription_plan;
pub mod task;
pub mod user;
pub mod webhook;
pub mod webhook_delivery;
