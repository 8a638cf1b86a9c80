//! A suggested event type for an inbox item, from the words of its title and summary
//! (English and Chinese). A suggestion only: the editor picks the type when accepting.

use entities::EventType;

/// Word lists in priority order: the first list with a word in the text wins.
const RULES: &[(EventType, &[&str])] = &[
    (
        EventType::RegulatoryFiling,
        &["备案", "filing", "registered with the cac"],
    ),
    (
        EventType::Funding,
        &[
            "融资",
            "funding",
            "raises",
            "raised",
            "series a",
            "series b",
            "series c",
            "investment round",
            "估值",
            "valuation",
        ],
    ),
    (
        EventType::Corporate,
        &[
            "收购",
            "并购",
            "acquire",
            "acquisition",
            "merger",
            "合并",
            "partnership",
            "战略合作",
        ],
    ),
    (
        EventType::PriceChange,
        &[
            "降价",
            "调价",
            "涨价",
            "价格",
            "price cut",
            "pricing",
            "price",
            "cheaper",
            "免费",
        ],
    ),
    (
        EventType::Legal,
        &[
            "lawsuit", "sues", "sued", "起诉", "诉讼", "court", "ruling", "判决",
        ],
    ),
    (
        EventType::Policy,
        &[
            "政策",
            "办法",
            "法规",
            "条例",
            "规定",
            "征求意见",
            "regulation",
            "policy",
            "law",
            "act ",
        ],
    ),
    (
        EventType::Lifecycle,
        &[
            "deprecat",
            "retire",
            "下线",
            "停止服务",
            "sunset",
            "end of life",
            "停服",
        ],
    ),
    (
        EventType::Incident,
        &["outage", "故障", "宕机", "leak", "breach", "incident"],
    ),
    (
        EventType::Benchmark,
        &["benchmark", "leaderboard", "榜单", "评测"],
    ),
    (
        EventType::ProductLaunch,
        &["app", "应用", "产品", "product"],
    ),
    (
        EventType::ModelRelease,
        &[
            "release",
            "launch",
            "introduc",
            "unveil",
            "open-source",
            "open source",
            "发布",
            "开源",
            "推出",
            "上线",
            "model",
            "模型",
        ],
    ),
];

/// The type the words suggest, if any.
pub fn suggest(title: &str, summary: Option<&str>) -> Option<EventType> {
    let text = format!("{} {}", title, summary.unwrap_or("")).to_lowercase();
    // The title speaks first; the summary only when the title says nothing.
    let title = title.to_lowercase();
    for haystack in [&title, &text] {
        for (kind, words) in RULES {
            if words.iter().any(|w| haystack.contains(w)) {
                return Some(*kind);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_suggest_types() {
        assert_eq!(
            suggest("月之暗面完成新一轮融资", None),
            Some(EventType::Funding)
        );
        assert_eq!(
            suggest("DeepSeek API 降价", None),
            Some(EventType::PriceChange)
        );
        assert_eq!(
            suggest("Introducing GPT-5", None),
            Some(EventType::ModelRelease)
        );
        assert_eq!(
            suggest("生成式人工智能服务备案信息公告", None),
            Some(EventType::RegulatoryFiling)
        );
        assert_eq!(suggest("Weekly notes", Some("nothing")), None);
    }
}
