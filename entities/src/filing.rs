//! `filings`: China's CAC regulatory filings (算法备案, 深度合成备案, 生成式人工智能服务备案, 登记).

use sea_orm::entity::prelude::*;

use crate::{Confidence, FilingRole, FilingStatus, FilingType};

#[sea_orm::model]
#[derive(
    Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize,
)]
#[sea_orm(table_name = "filings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// E.g. 网信算备110108…号.
    pub filing_number: String,
    pub filing_type: FilingType,
    pub role: FilingRole,
    pub algorithm_name: String,
    pub company_id: i64,
    pub product_id: Option<i64>,
    pub model_id: Option<i64>,
    pub announced_on: Option<Date>,
    pub status: FilingStatus,
    /// Team-only.
    pub notes: Option<String>,
    pub source_url: Option<String>,
    pub observed_on: Option<Date>,
    pub confidence: Option<Confidence>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
