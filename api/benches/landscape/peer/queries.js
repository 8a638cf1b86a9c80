// The benchmark's four queries, as our server takes them and as the PostGraphile peer takes
// them, with what turns each answer into a common JSON shape so that the two can be compared.
//
// Each entry: { ours: { query, variables }, peer: { query, variables },
//               normalise: { ours(data) -> rows, peer(data) -> rows } }
// `data` is the `data` member of a GraphQL response. export-queries.js writes the query texts
// (not the functions) to queries.json for the Rust benchmark.
//
// What the peer cannot say the same way, and what is done about it:
// - The peer has no `companyBySlug` (the slug is unique only among live rows, a partial unique
//   index, which PostGraphile does not turn into a lookup): the company is
//   `companies(filter: slug and live, first: 1)`.
// - Soft-deleted rows (deleted_at set) are skipped by our server everywhere; the peer is told so
//   with `deletedAt: { isNull: true }` in each list, and through links with relation filters
//   (`connectionFilterRelations`). A to-one relation (a model's company) cannot be filtered: the
//   peer selects the company's `deletedAt` and the normaliser turns a deleted company into null,
//   as ours returns.
// - Media types are ordered by (position, id) on ours; the peer can order the link rows only by
//   their own columns, so it orders by media_type_id. The two agree while media types' positions
//   follow their ids (true of the seeded data: position = id - 1).
// - An event's companies are ordered by role (in the enum's order: SUBJECT, INVESTOR, TARGET,
//   ACQUIRER, PARTNER, MENTIONED) then company name on ours; the peer can order links by the role
//   text (alphabetical) but not by the company's name, so the peer's list is sorted by the
//   normaliser into our order.
// - A company's events: ours lists the (event, role) links, newest event first, 20 of them; the
//   peer lists the events linked to the company (newest first, 20) with the company's roles in
//   each. The two are the same while no company has two roles in one event (true of the data).
// - The digest orders watched companies' events first. The peer cannot order by "has a link to a
//   watched company", so it asks for two lists in one request, the watched companies' events
//   and the others', each in (importance, occurred_on, id) descending order and 20 long; the
//   normaliser puts them one after the other and keeps the first 20, which is our order exactly,
//   and adds the two totalCounts for eventCount.
"use strict";

const AS_OF = "2026-10-28";

// Our EventRole enum's order (entities/src/enums.rs), which our server sorts by.
const ROLE_ORDER = ["SUBJECT", "INVESTOR", "TARGET", "ACQUIRER", "PARTNER", "MENTIONED"];

const byteCompare = (a, b) => {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return Buffer.compare(x, y);
};

const live = "deletedAt: { isNull: true }";

// --- a. models page -------------------------------------------------------------------------

function modelsPage(asOf = AS_OF, first = 50) {
  const ours = `{ models(first: ${first}) { nodes { slug name company { slug name } inputMediaTypes { slug } outputMediaTypes { slug } offerings { apiModelId prices(asOf: "${asOf}") { dimension unit unitQuantity amount { amount currency } } } } } }`;
  const peer = `{
  models(first: ${first}, filter: { ${live} }, orderBy: [NAME_ASC, ID_ASC]) {
    nodes {
      slug
      name
      company { slug name deletedAt }
      inputMediaTypes: modelMediaTypes(condition: { direction: "INPUT" }, orderBy: [MEDIA_TYPE_ID_ASC]) { nodes { mediaType { slug } } }
      outputMediaTypes: modelMediaTypes(condition: { direction: "OUTPUT" }, orderBy: [MEDIA_TYPE_ID_ASC]) { nodes { mediaType { slug } } }
      offerings(filter: { ${live} }, orderBy: [REGION_ASC, ID_ASC]) {
        nodes {
          apiModelId
          prices(
            filter: {
              ${live}
              effectiveFrom: { lessThanOrEqualTo: "${asOf}" }
              or: [{ effectiveTo: { isNull: true } }, { effectiveTo: { greaterThan: "${asOf}" } }]
            }
            orderBy: [EFFECTIVE_FROM_DESC, ID_ASC]
          ) {
            nodes { dimension unit unitQuantity amount currency }
          }
        }
      }
    }
  }
}`;
  const price = (p) => ({
    dimension: p.dimension,
    unit: p.unit,
    unitQuantity: String(p.unitQuantity),
    amount: p.amount,
    currency: p.currency,
  });
  return {
    ours: { query: ours, variables: {} },
    peer: { query: peer, variables: {} },
    normalise: {
      ours: (data) =>
        data.models.nodes.map((m) => ({
          slug: m.slug,
          name: m.name,
          company: m.company && { slug: m.company.slug, name: m.company.name },
          input: m.inputMediaTypes.map((t) => t.slug),
          output: m.outputMediaTypes.map((t) => t.slug),
          offerings: m.offerings.map((o) => ({
            apiModelId: o.apiModelId,
            prices: o.prices.map((p) =>
              price({ ...p, amount: p.amount.amount, currency: p.amount.currency }),
            ),
          })),
        })),
      peer: (data) =>
        data.models.nodes.map((m) => ({
          slug: m.slug,
          name: m.name,
          company:
            m.company && m.company.deletedAt === null
              ? { slug: m.company.slug, name: m.company.name }
              : null,
          input: m.inputMediaTypes.nodes.map((l) => l.mediaType.slug),
          output: m.outputMediaTypes.nodes.map((l) => l.mediaType.slug),
          offerings: m.offerings.nodes.map((o) => ({
            apiModelId: o.apiModelId,
            prices: o.prices.nodes.map(price),
          })),
        })),
    },
  };
}

// --- b. company page ------------------------------------------------------------------------

function companyPage(slug = "deepseek", limit = 20) {
  const ours = `query($slug: String!) { company(slug: $slug) { name nameZh country models { slug name releaseDate inputMediaTypes { slug } outputMediaTypes { slug } } products { slug name kind } events(limit: ${limit}) { role event { slug title occurredOn type } } } }`;
  const peer = `query($slug: String!) {
  companies(filter: { slug: { equalTo: $slug }, ${live} }, first: 1) {
    nodes {
      name
      nameZh
      country
      models(filter: { ${live} }, orderBy: [NAME_ASC, ID_ASC]) {
        nodes {
          slug
          name
          releaseDate
          inputMediaTypes: modelMediaTypes(condition: { direction: "INPUT" }, orderBy: [MEDIA_TYPE_ID_ASC]) { nodes { mediaType { slug } } }
          outputMediaTypes: modelMediaTypes(condition: { direction: "OUTPUT" }, orderBy: [MEDIA_TYPE_ID_ASC]) { nodes { mediaType { slug } } }
        }
      }
      products(filter: { ${live} }, orderBy: [NAME_ASC, ID_ASC]) { nodes { slug name kind } }
    }
  }
  events(
    filter: { ${live}, eventCompanies: { some: { company: { slug: { equalTo: $slug }, ${live} } } } }
    orderBy: [OCCURRED_ON_DESC, ID_DESC]
    first: ${limit}
  ) {
    nodes {
      slug
      title
      occurredOn
      eventType
      eventCompanies(filter: { company: { slug: { equalTo: $slug }, ${live} } }, orderBy: [PRIMARY_KEY_ASC]) { nodes { role } }
    }
  }
}`;
  return {
    ours: { query: ours, variables: { slug } },
    peer: { query: peer, variables: { slug } },
    normalise: {
      ours: (data) =>
        data.company && {
          name: data.company.name,
          nameZh: data.company.nameZh,
          country: data.company.country,
          models: data.company.models.map((m) => ({
            slug: m.slug,
            name: m.name,
            releaseDate: m.releaseDate,
            input: m.inputMediaTypes.map((t) => t.slug),
            output: m.outputMediaTypes.map((t) => t.slug),
          })),
          products: data.company.products.map((p) => ({ slug: p.slug, name: p.name, kind: p.kind })),
          events: data.company.events.map((i) => ({
            role: i.role,
            slug: i.event.slug,
            title: i.event.title,
            occurredOn: i.event.occurredOn,
            type: i.event.type,
          })),
        },
      peer: (data) => {
        const c = data.companies.nodes[0];
        if (!c) return null;
        const events = [];
        for (const e of data.events.nodes) {
          const roles = e.eventCompanies.nodes
            .map((l) => l.role)
            .sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
          for (const role of roles) {
            events.push({ role, slug: e.slug, title: e.title, occurredOn: e.occurredOn, type: e.eventType });
          }
        }
        return {
          name: c.name,
          nameZh: c.nameZh,
          country: c.country,
          models: c.models.nodes.map((m) => ({
            slug: m.slug,
            name: m.name,
            releaseDate: m.releaseDate,
            input: m.inputMediaTypes.nodes.map((l) => l.mediaType.slug),
            output: m.outputMediaTypes.nodes.map((l) => l.mediaType.slug),
          })),
          products: c.products.nodes.map((p) => ({ slug: p.slug, name: p.name, kind: p.kind })),
          events: events.slice(0, limit),
        };
      },
    },
  };
}

// --- c. digest page -------------------------------------------------------------------------

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function digestPage(from = "2025-03-03", first = 20) {
  const to = addDays(from, 7); // ours: `to` defaults to from + 7 days, exclusive
  const ours = `{ digest(from: "${from}") { eventCount events(first: ${first}) { watched event { slug title importance occurredOn } } } }`;
  const window = `${live}, occurredOn: { greaterThanOrEqualTo: "${from}", lessThan: "${to}" }`;
  const watchedLink = `eventCompanies: { some: { company: { watched: { equalTo: true }, ${live} } } }`;
  const order = "orderBy: [IMPORTANCE_DESC, OCCURRED_ON_DESC, ID_DESC]";
  const peer = `{
  watched: events(filter: { ${window}, ${watchedLink} }, ${order}, first: ${first}) {
    totalCount
    nodes { slug title importance occurredOn }
  }
  others: events(filter: { ${window}, not: { ${watchedLink} } }, ${order}, first: ${first}) {
    totalCount
    nodes { slug title importance occurredOn }
  }
}`;
  const event = (watched) => (e) => ({
    watched,
    slug: e.slug,
    title: e.title,
    importance: e.importance,
    occurredOn: e.occurredOn,
  });
  return {
    ours: { query: ours, variables: {} },
    peer: { query: peer, variables: {} },
    normalise: {
      ours: (data) => ({
        eventCount: Number(data.digest.eventCount),
        events: data.digest.events.map((d) => event(d.watched)(d.event)),
      }),
      peer: (data) => ({
        eventCount: Number(data.watched.totalCount) + Number(data.others.totalCount),
        events: [...data.watched.nodes.map(event(true)), ...data.others.nodes.map(event(false))].slice(
          0,
          first,
        ),
      }),
    },
  };
}

// --- d. events of a half-year ---------------------------------------------------------------

function eventsHalfYear(from = "2025-01-01", to = "2025-07-01", first = 50) {
  const ours = `{ events(filter: { from: "${from}", to: "${to}" }, first: ${first}) { nodes { slug title occurredOn companies { role company { slug name } } } } }`;
  const peer = `{
  events(
    filter: { ${live}, occurredOn: { greaterThanOrEqualTo: "${from}", lessThan: "${to}" } }
    orderBy: [OCCURRED_ON_DESC, ID_ASC]
    first: ${first}
  ) {
    nodes {
      slug
      title
      occurredOn
      eventCompanies(filter: { company: { ${live} } }, orderBy: [PRIMARY_KEY_ASC]) {
        nodes { role company { slug name } }
      }
    }
  }
}`;
  const company = (l) => ({ role: l.role, slug: l.company.slug, name: l.company.name });
  const ourOrder = (a, b) =>
    ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || byteCompare(a.name, b.name);
  return {
    ours: { query: ours, variables: {} },
    peer: { query: peer, variables: {} },
    normalise: {
      ours: (data) =>
        data.events.nodes.map((e) => ({
          slug: e.slug,
          title: e.title,
          occurredOn: e.occurredOn,
          companies: e.companies.map(company),
        })),
      peer: (data) =>
        data.events.nodes.map((e) => ({
          slug: e.slug,
          title: e.title,
          occurredOn: e.occurredOn,
          // The peer cannot order links by the company's name: sort them into our order.
          companies: e.eventCompanies.nodes.map(company).sort(ourOrder),
        })),
    },
  };
}

module.exports = {
  "models page": modelsPage(),
  // The benchmark names its own generated company (BENCH_COMPANY); the curated data has deepseek.
  "company page": companyPage(process.env.BENCH_COMPANY || "deepseek"),
  "digest page": digestPage("2025-03-03"),
  "events half-year": eventsHalfYear("2025-01-01", "2025-07-01"),
};

// The same queries with other values, which `compare.js --all` also checks: other price days, a
// company with more events than the page holds, a missing company, busier weeks than the
// benchmark's (2025-03-03 has one event) and another half-year.
Object.defineProperty(module.exports, "extraChecks", {
  enumerable: false,
  value: {
    // Days on which some price rows end (effective_to is exclusive) or start.
    "models page (as of 2025-06-10)": modelsPage("2025-06-10"),
    "models page (as of 2026-10-23)": modelsPage("2026-10-23"),
    "company page (openai)": companyPage("openai"),
    "company page (missing)": companyPage("no-such-company"),
    "digest page (2024-05-20)": digestPage("2024-05-20"),
    "digest page (2025-01-20, first 3)": digestPage("2025-01-20", 3),
    "events half-year (2024)": eventsHalfYear("2024-01-01", "2024-07-01"),
  },
});
