// What the edit forms know of each record type: its fields (named as the API's input names
// them), how to read a record into those fields, and the enum values the API accepts. The
// rules themselves stay on the server: a value refused there comes back as a userError
// beside its field.

import { named, both } from "./words.js";

export const ENUMS = {
  CompanyKind: ["BIG_TECH", "AI_LAB", "STARTUP", "CLOUD", "RESEARCH_INSTITUTE", "ENTERPRISE", "NON_PROFIT", "GOVERNMENT"],
  RelationshipStatus: ["EVALUATING", "IN_TRIAL", "CONTRACTED", "FORMER"],
  Confidence: ["HIGH", "MEDIUM", "LOW"],
  ModelStatus: ["ANNOUNCED", "PREVIEW", "GA", "DEPRECATED", "RETIRED"],
  ProductKind: ["CHAT_ASSISTANT", "API_PLATFORM", "AGENT_PLATFORM", "CREATIVE_TOOL", "AVATAR_TOOL", "CODING_ASSISTANT", "SEARCH", "EDUCATION", "PRODUCTIVITY", "OTHER"],
  ProductStatus: ["ANNOUNCED", "BETA", "ACTIVE", "DISCONTINUED"],
  Audience: ["CONSUMER", "BUSINESS", "GOVERNMENT"],
  EventType: ["MODEL_RELEASE", "PRODUCT_LAUNCH", "PRICE_CHANGE", "LIFECYCLE", "FUNDING", "CORPORATE", "POLICY", "REGULATORY_FILING", "BENCHMARK", "BUSINESS_METRIC", "INCIDENT", "LEGAL", "INFRASTRUCTURE"],
  DatePrecision: ["DAY", "MONTH", "QUARTER", "YEAR"],
  EventRole: ["SUBJECT", "INVESTOR", "TARGET", "ACQUIRER", "PARTNER", "MENTIONED"],
  FilingType: ["ALGORITHM", "DEEP_SYNTHESIS", "GENERATIVE_AI_SERVICE", "REGISTRATION"],
  FilingRole: ["SERVICE_PROVIDER", "TECHNICAL_SUPPORTER"],
  FilingStatus: ["ACTIVE", "CANCELLED"],
  BillingPeriod: ["WEEK", "MONTH", "QUARTER", "YEAR"],
};

/** Media types and tasks, loaded once for the checkboxes. */
export const lists = { modalities: [], tasks: [] };
export async function loadLists(gql) {
  if (lists.modalities.length) return;
  const data = await gql(`{ modalities { slug name nameZh } tasks { slug name nameZh } }`);
  lists.modalities = data.modalities;
  lists.tasks = data.tasks;
}
const slugOptions = (key) => () => lists[key].map((x) => [x.slug, named(x)]);

const PROVENANCE = [
  { name: "sourceUrl", kind: "text", url: true },
  { name: "observedOn", kind: "date" },
  { name: "confidence", kind: "enum", options: ENUMS.Confidence },
];
const PROV_Q = "provenance { sourceUrl observedOn confidence }";
const prov = (n) => ({ sourceUrl: n.provenance.sourceUrl || "", observedOn: n.provenance.observedOn || "", confidence: n.provenance.confidence || "" });
const ref = (x) => (x ? { id: x.id, label: both(x) } : null);
const refs = (xs) => (xs || []).map(ref);
const str = (v) => (v == null ? "" : String(v));
const tri = (v) => (v == null ? "" : String(v));

export const RECORDS = {
  Company: {
    fields: [
      { name: "slug", kind: "text", required: true }, { name: "name", kind: "text", required: true },
      { name: "nameZh", kind: "text" }, { name: "aliases", kind: "lines", hint: "onePerLine" },
      { name: "kind", kind: "enum", options: ENUMS.CompanyKind, required: true },
      { name: "country", kind: "text" }, { name: "headquarters", kind: "text" },
      { name: "foundedYear", kind: "int", min: 1800, max: 2100 }, { name: "website", kind: "text", url: true },
      { name: "watched", kind: "bool" }, { name: "relationshipStatus", kind: "enum", options: ENUMS.RelationshipStatus },
      { name: "description", kind: "textarea" }, { name: "descriptionZh", kind: "textarea" }, { name: "notes", kind: "textarea" },
      ...PROVENANCE,
    ],
    query: `... on Company { id version slug name nameZh aliases kind country headquarters foundedYear website watched relationshipStatus description descriptionZh notes ${PROV_Q}
      models { id slug name nameZh } products { id slug name nameZh } filings { id filingNumber algorithmName } }`,
    fromRecord: (n) => ({ slug: n.slug, name: n.name, nameZh: str(n.nameZh), aliases: n.aliases, kind: n.kind, country: str(n.country), headquarters: str(n.headquarters),
      foundedYear: str(n.foundedYear), website: str(n.website), watched: n.watched, relationshipStatus: str(n.relationshipStatus), description: str(n.description),
      descriptionZh: str(n.descriptionZh), notes: str(n.notes), ...prov(n) }),
    label: (n) => both(n),
    related: (n) => [
      { title: "modelsOf", type: "Model", items: n.models.map((m) => ({ id: m.id, label: both(m) })), create: { company: n.id } },
      { title: "productsOf", type: "Product", items: n.products.map((p) => ({ id: p.id, label: both(p) })), create: { company: n.id } },
      { title: "filings", type: "Filing", items: n.filings.map((f) => ({ id: f.id, label: `${f.filingNumber} ${f.algorithmName}` })), create: { company: n.id } },
    ],
  },
  Model: {
    fields: [
      { name: "slug", kind: "text", required: true }, { name: "name", kind: "text", required: true },
      { name: "nameZh", kind: "text" }, { name: "aliases", kind: "lines", hint: "onePerLine" },
      { name: "companyId", label: "f.company", kind: "ref", types: ["Company"], required: true },
      { name: "family", kind: "text" }, { name: "releaseDate", kind: "date" },
      { name: "status", kind: "enum", options: ENUMS.ModelStatus },
      { name: "openWeights", kind: "bool" }, { name: "license", kind: "text" },
      { name: "contextWindow", kind: "int", min: 0 }, { name: "maxOutputTokens", kind: "int", min: 0 },
      { name: "inputMediaTypes", kind: "checks", options: slugOptions("modalities") },
      { name: "outputMediaTypes", kind: "checks", options: slugOptions("modalities") },
      { name: "tasks", kind: "checks", options: slugOptions("tasks") },
      { name: "description", kind: "textarea" }, { name: "descriptionZh", kind: "textarea" }, { name: "notes", kind: "textarea" },
      ...PROVENANCE,
    ],
    query: `... on Model { id version slug name nameZh aliases company { id name nameZh } family releaseDate status openWeights license contextWindow maxOutputTokens
      inputMediaTypes { slug } outputMediaTypes { slug } tasks { slug } description descriptionZh notes ${PROV_Q} }`,
    fromRecord: (n) => ({ slug: n.slug, name: n.name, nameZh: str(n.nameZh), aliases: n.aliases, companyId: ref(n.company), family: str(n.family),
      releaseDate: str(n.releaseDate), status: n.status, openWeights: n.openWeights, license: str(n.license), contextWindow: str(n.contextWindow),
      maxOutputTokens: str(n.maxOutputTokens), inputMediaTypes: n.inputMediaTypes.map((m) => m.slug), outputMediaTypes: n.outputMediaTypes.map((m) => m.slug),
      tasks: n.tasks.map((k) => k.slug), description: str(n.description), descriptionZh: str(n.descriptionZh), notes: str(n.notes), ...prov(n) }),
    label: (n) => both(n),
    links: (n) => [{ view: "model-prices", params: { slug: n.slug }, label: "editPrices" }],
  },
  Product: {
    fields: [
      { name: "slug", kind: "text", required: true }, { name: "name", kind: "text", required: true },
      { name: "nameZh", kind: "text" }, { name: "aliases", kind: "lines", hint: "onePerLine" },
      { name: "companyId", label: "f.company", kind: "ref", types: ["Company"], required: true },
      { name: "kind", label: "f.productKind", kind: "enum", options: ENUMS.ProductKind, required: true },
      { name: "status", kind: "enum", options: ENUMS.ProductStatus },
      { name: "audiences", kind: "checks", options: ENUMS.Audience },
      { name: "launchDate", kind: "date" }, { name: "url", kind: "text", url: true },
      { name: "modelIds", label: "f.models", kind: "refs", types: ["Model"] },
      { name: "tasks", kind: "checks", options: slugOptions("tasks") },
      { name: "description", kind: "textarea" }, { name: "descriptionZh", kind: "textarea" }, { name: "notes", kind: "textarea" },
      ...PROVENANCE,
    ],
    query: `... on Product { id version slug name nameZh aliases company { id name nameZh } kind status audiences launchDate url models { id name nameZh } tasks { slug }
      description descriptionZh notes ${PROV_Q} subscriptionPlans { id name nameZh } filings { id filingNumber algorithmName } }`,
    fromRecord: (n) => ({ slug: n.slug, name: n.name, nameZh: str(n.nameZh), aliases: n.aliases, companyId: ref(n.company), kind: n.kind, status: n.status,
      audiences: n.audiences, launchDate: str(n.launchDate), url: str(n.url), modelIds: refs(n.models), tasks: n.tasks.map((k) => k.slug),
      description: str(n.description), descriptionZh: str(n.descriptionZh), notes: str(n.notes), ...prov(n) }),
    label: (n) => both(n),
    related: (n) => [
      { title: "plans", type: "SubscriptionPlan", items: n.subscriptionPlans.map((p) => ({ id: p.id, label: both(p) })), create: { product: n.id } },
      { title: "filings", type: "Filing", items: n.filings.map((f) => ({ id: f.id, label: `${f.filingNumber} ${f.algorithmName}` })), create: { product: n.id } },
    ],
  },
  Event: {
    fields: [
      { name: "type", kind: "enum", options: ENUMS.EventType, required: true },
      { name: "occurredOn", kind: "date", required: true },
      { name: "datePrecision", kind: "enum", options: ENUMS.DatePrecision, required: true },
      { name: "title", kind: "text", required: true }, { name: "titleZh", kind: "text" },
      { name: "summary", kind: "textarea" }, { name: "summaryZh", kind: "textarea" },
      { name: "importance", kind: "int", min: 1, max: 5, required: true },
      { name: "sourceUrls", kind: "urls", required: true, hint: "onePerLine" },
      { name: "companies", kind: "links", types: ["Company"] },
      { name: "models", kind: "links", types: ["Model"] },
      { name: "products", kind: "links", types: ["Product"] },
      { name: "amount", kind: "decimal" }, { name: "currency", kind: "text" },
      { name: "slug", kind: "text", required: true },
      { name: "notes", kind: "textarea" },
      ...PROVENANCE,
    ],
    query: `... on Event { id version slug type occurredOn datePrecision title titleZh summary summaryZh importance sourceUrls amount { amount currency } notes ${PROV_Q}
      companies { role company { id name nameZh } } models { role model { id name nameZh } } products { role product { id name nameZh } } }`,
    fromRecord: (n) => ({ slug: n.slug, type: n.type, occurredOn: n.occurredOn, datePrecision: n.datePrecision, title: n.title, titleZh: str(n.titleZh),
      summary: str(n.summary), summaryZh: str(n.summaryZh), importance: str(n.importance), sourceUrls: n.sourceUrls,
      companies: n.companies.map((l) => ({ ...ref(l.company), role: l.role })), models: n.models.map((l) => ({ ...ref(l.model), role: l.role })),
      products: n.products.map((l) => ({ ...ref(l.product), role: l.role })), amount: n.amount ? n.amount.amount : "", currency: n.amount ? n.amount.currency : "",
      notes: str(n.notes), ...prov(n) }),
    label: (n) => n.title,
    defaults: () => ({ datePrecision: "DAY", importance: "3" }),
  },
  Filing: {
    fields: [
      { name: "filingNumber", kind: "text", required: true },
      { name: "type", label: "f.filingType", kind: "enum", options: ENUMS.FilingType, required: true },
      { name: "role", label: "f.filingRole", kind: "enum", options: ENUMS.FilingRole, required: true },
      { name: "algorithmName", kind: "text", required: true },
      { name: "companyId", label: "f.company", kind: "ref", types: ["Company"], required: true },
      { name: "productId", label: "f.product", kind: "ref", types: ["Product"] },
      { name: "modelId", label: "f.model", kind: "ref", types: ["Model"] },
      { name: "announcedOn", kind: "date" },
      { name: "status", kind: "enum", options: ENUMS.FilingStatus, required: true },
      { name: "notes", kind: "textarea" },
      ...PROVENANCE,
    ],
    query: `... on Filing { id version filingNumber type role algorithmName company { id name nameZh } product { id name nameZh } model { id name nameZh } announcedOn status notes ${PROV_Q} }`,
    fromRecord: (n) => ({ filingNumber: n.filingNumber, type: n.type, role: n.role, algorithmName: n.algorithmName, companyId: ref(n.company), productId: ref(n.product),
      modelId: ref(n.model), announcedOn: str(n.announcedOn), status: n.status, notes: str(n.notes), ...prov(n) }),
    label: (n) => `${n.filingNumber} ${n.algorithmName}`,
  },
  SubscriptionPlan: {
    fields: [
      { name: "productId", label: "f.product", kind: "ref", types: ["Product"], required: true, createOnly: true },
      { name: "slug", kind: "text", required: true }, { name: "name", kind: "text", required: true }, { name: "nameZh", kind: "text" },
      { name: "billingPeriod", kind: "enum", options: ENUMS.BillingPeriod, required: true },
      { name: "amount", kind: "decimal", required: true }, { name: "currency", kind: "text", required: true },
      { name: "taxIncluded", kind: "tristate" }, { name: "firstPeriodAmount", kind: "decimal" },
      { name: "usageCaps", kind: "textarea" }, { name: "creditsPerPeriod", kind: "decimal" },
      { name: "modelIds", label: "f.models", kind: "refs", types: ["Model"] },
      { name: "effectiveFrom", kind: "date", required: true }, { name: "effectiveTo", kind: "date" },
      { name: "notes", kind: "textarea" },
      ...PROVENANCE,
    ],
    // A plan is opened from its product's page; the product is chosen when it is created.
    query: `... on SubscriptionPlan { id version slug name nameZh billingPeriod price { amount currency } taxIncluded firstPeriodPrice { amount } usageCaps creditsPerPeriod
      models { id name nameZh } effectiveFrom effectiveTo notes ${PROV_Q} }`,
    fromRecord: (n) => ({ slug: n.slug, name: n.name, nameZh: str(n.nameZh), billingPeriod: n.billingPeriod, amount: n.price.amount, currency: n.price.currency,
      taxIncluded: tri(n.taxIncluded), firstPeriodAmount: n.firstPeriodPrice ? n.firstPeriodPrice.amount : "", usageCaps: str(n.usageCaps),
      creditsPerPeriod: str(n.creditsPerPeriod), modelIds: refs(n.models), effectiveFrom: n.effectiveFrom, effectiveTo: str(n.effectiveTo), notes: str(n.notes), ...prov(n) }),
    label: (n) => both(n),
  },
  Price: {
    note: "correctionNote",
    fields: [
      { name: "amount", kind: "decimal", required: true }, { name: "currency", kind: "text", required: true },
      { name: "effectiveFrom", kind: "date", required: true }, { name: "effectiveTo", kind: "date" },
      { name: "verifiedOn", kind: "date" }, { name: "notes", kind: "textarea" },
      ...PROVENANCE,
    ],
    query: `... on Price { id version dimension unit unitQuantity amount { amount currency } effectiveFrom effectiveTo verifiedOn notes ${PROV_Q}
      offering { apiModelId model { slug name nameZh } provider { name } } product { name nameZh } }`,
    fromRecord: (n) => ({ amount: n.amount.amount, currency: n.amount.currency, effectiveFrom: n.effectiveFrom, effectiveTo: str(n.effectiveTo),
      verifiedOn: str(n.verifiedOn), notes: str(n.notes), ...prov(n) }),
    label: (n) => `${n.offering ? both(n.offering.model) : both(n.product)} · ${n.dimension} / ${n.unitQuantity} ${n.unit}`,
    links: (n) => (n.offering ? [{ view: "model-prices", params: { slug: n.offering.model.slug }, label: "editPrices" }] : []),
  },
};

/** Defaults for a new record, from the view's parameters (opened from a company, say). */
export function prefill(type, params) {
  const spec = RECORDS[type];
  const values = spec.defaults ? spec.defaults() : {};
  const owner = (key, field) => { if (params.get(key) && spec.fields.some((f) => f.name === field)) values[field] = { id: params.get(key), label: params.get(`${key}Name`) || params.get(key) }; };
  owner("company", "companyId");
  owner("product", "productId");
  return values;
}
