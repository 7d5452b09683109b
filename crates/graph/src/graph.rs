//! The entity graph: a petgraph projection of the store (entities as nodes,
//! attended / spokeAt / presided / memberOf as edges) that `export` and
//! `stats` read, and the filters that keep a big graph readable.

use crate::error::{Error, Result};
use crate::location::SparqlSource;
use crate::rdf;
use crate::store::GraphStore;
use oxigraph::model::{NamedNode, Term};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use zhkg_extract::model::{EntityType, Predicate};

/// An entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub iri: String,
    pub name: String,
    pub kind: EntityType,
}

/// A relation between two entities; for memberOf, the posts held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub predicate: Predicate,
    pub roles: Vec<String>,
}

/// The entity graph of a store.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
    /// How many documents the store holds.
    pub documents: usize,
}

/// Which part of the graph to keep.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep only what lies within `depth` edges of the entity of this name.
    pub focus: Option<String>,
    pub depth: usize,
    /// Keep only edges of these predicates (all when empty).
    pub predicates: Vec<Predicate>,
    /// Keep at most this many nodes, highest degree first.
    pub max_nodes: Option<usize>,
}

fn iri(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

fn literal(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    }
}

fn count(store: &dyn SparqlSource, query: &str) -> Result<usize> {
    let t = store.select(&format!("{}{query}", rdf::PREFIXES))?;
    Ok(t.rows
        .first()
        .and_then(|r| literal(&r[0]))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

impl KnowledgeGraph {
    /// Projects the store's entities and relations (over all documents):
    /// from the local store's triples directly, or through SPARQL from a
    /// remote one. Both give the same graph, nodes in IRI order and edges
    /// in (subject, predicate, object) IRI order.
    pub fn from_store(store: &dyn SparqlSource) -> Result<KnowledgeGraph> {
        match store.local_store() {
            Some(local) => Self::from_local(local),
            None => Self::from_sparql(store),
        }
    }

    /// The projection through SPARQL (any source).
    pub fn from_sparql(store: &dyn SparqlSource) -> Result<KnowledgeGraph> {
        let mut graph = DiGraph::new();
        let mut index: HashMap<String, NodeIndex> = HashMap::new();
        let nodes = store.select(&format!(
            "{}SELECT ?e ?class (MIN(?n) AS ?name) WHERE {{
               ?e a ?class ; schema:name ?n .
               VALUES ?class {{ schema:Person schema:Organization schema:Event schema:Place }}
             }} GROUP BY ?e ?class ORDER BY ?e ?class",
            rdf::PREFIXES
        ))?;
        for row in &nodes.rows {
            let (Some(e), Some(class), Some(name)) = (iri(&row[0]), iri(&row[1]), literal(&row[2]))
            else {
                continue;
            };
            let Some(kind) = rdf::type_of_class(&class) else {
                continue;
            };
            if index.contains_key(&e) {
                continue;
            }
            let i = graph.add_node(Node {
                iri: e.clone(),
                name,
                kind,
            });
            index.insert(e, i);
        }
        let mut roles: HashMap<(String, String), Vec<String>> = HashMap::new();
        let rows = store.select(&format!(
            "{}SELECT DISTINCT ?s ?o ?role WHERE {{
               ?m a org:Membership ; org:member ?s ; org:organization ?o ; org:role/skos:prefLabel ?role .
             }} ORDER BY ?s ?o ?role",
            rdf::PREFIXES
        ))?;
        for row in &rows.rows {
            if let (Some(s), Some(o), Some(r)) = (iri(&row[0]), iri(&row[1]), literal(&row[2])) {
                let v = roles.entry((s, o)).or_default();
                if !v.contains(&r) {
                    v.push(r);
                }
            }
        }
        let edges = store.select(&format!(
            "{}SELECT DISTINCT ?s ?p ?o WHERE {{
               ?s ?p ?o . VALUES ?p {{ zhkg:attended zhkg:spokeAt zhkg:presided org:memberOf }}
             }} ORDER BY ?s ?p ?o",
            rdf::PREFIXES
        ))?;
        for row in &edges.rows {
            let (Some(s), Some(p), Some(o)) = (iri(&row[0]), iri(&row[1]), iri(&row[2])) else {
                continue;
            };
            let (Some(&a), Some(&b), Some(predicate)) =
                (index.get(&s), index.get(&o), rdf::predicate_of_iri(&p))
            else {
                continue;
            };
            let roles = if predicate == Predicate::MemberOf {
                roles.get(&(s, o)).cloned().unwrap_or_default()
            } else {
                Vec::new()
            };
            graph.add_edge(a, b, Edge { predicate, roles });
        }
        let documents = count(
            store,
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a zhkg:Document }",
        )?;
        Ok(KnowledgeGraph { graph, documents })
    }

    /// The projection read from the local store's default graph by
    /// predicate, on two threads: what [`KnowledgeGraph::from_sparql`]
    /// computes, without sorting and grouping millions of solutions. Most
    /// of its time is the store turning term ids back into IRIs.
    pub fn from_local(store: &GraphStore) -> Result<KnowledgeGraph> {
        let (typed, named) = std::thread::scope(|scope| {
            let typed = scope.spawn(|| typed_and_related(store));
            let named = named_and_posts(store);
            (typed.join().expect("the projection thread"), named)
        });
        let (kinds, related, documents) = typed?;
        let (names, posts) = named?;
        // Entities, each with the least of its names.
        let entities: Vec<(String, EntityType, String)> = kinds
            .into_iter()
            .filter_map(|(e, kind)| {
                let name = names.get(&e)?.clone();
                Some((e, kind, name))
            })
            .collect();
        drop(names);
        Ok(assemble(entities, related, posts, documents))
    }

    /// The local store's entity graph without names or posts (every
    /// node's `name` is empty, memberOf edges carry no roles), in about
    /// half the time of [`KnowledgeGraph::from_local`]: what `stats` needs,
    /// which names only the few nodes it lists
    /// ([`GraphStore::least_name`]). Every typed entity is a node (the
    /// build names every entity it types).
    pub fn from_local_unnamed(store: &GraphStore) -> Result<KnowledgeGraph> {
        let (kinds, related) = std::thread::scope(|scope| {
            let kinds = scope.spawn(|| typed(store));
            let related = related_and_documents(store);
            (kinds.join().expect("the projection thread"), related)
        });
        let (related, documents) = related?;
        let entities = kinds?
            .into_iter()
            .map(|(e, kind)| (e, kind, String::new()))
            .collect();
        Ok(assemble(entities, related, Vec::new(), documents))
    }
}

/// The entity graph from entities (IRI, type, name), relations (subject,
/// predicate rank, object) and posts (member, organization, post): nodes in
/// IRI order, edges in (subject, predicate, object) IRI order, each once.
fn assemble(
    mut entities: Vec<(String, EntityType, String)>,
    related: Vec<(String, usize, String)>,
    posts: Vec<(String, String, String)>,
    documents: usize,
) -> KnowledgeGraph {
    // Sorted already when they come from `typed`; then this is one pass.
    entities.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Node i is entities[i]: the index borrows the IRIs until the edges
    // are known, then the nodes take them.
    let index: FxHashMap<&str, NodeIndex> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.0.as_str(), NodeIndex::new(i)))
        .collect();
    let mut roles: HashMap<(NodeIndex, NodeIndex), Vec<String>> = HashMap::new();
    for (s, o, post) in posts {
        if let (Some(&a), Some(&b)) = (index.get(s.as_str()), index.get(o.as_str())) {
            roles.entry((a, b)).or_default().push(post);
        }
    }
    for v in roles.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    // Relations between entities, in (subject, predicate, object) IRI
    // order: node indices follow IRI order, predicates are ranked so.
    let mut edges: Vec<(NodeIndex, usize, NodeIndex)> = related
        .iter()
        .filter_map(|(s, rank, o)| Some((*index.get(s.as_str())?, *rank, *index.get(o.as_str())?)))
        .collect();
    drop(related);
    drop(index);
    edges.sort_unstable();
    edges.dedup();
    let mut graph = DiGraph::with_capacity(entities.len(), edges.len());
    for (iri, kind, name) in entities {
        graph.add_node(Node { iri, name, kind });
    }
    let predicates = predicates_in_iri_order();
    for (a, rank, b) in edges {
        let predicate = predicates[rank].1;
        let roles = if predicate == Predicate::MemberOf {
            roles.get(&(a, b)).cloned().unwrap_or_default()
        } else {
            Vec::new()
        };
        graph.add_edge(a, b, Edge { predicate, roles });
    }
    KnowledgeGraph { graph, documents }
}

impl KnowledgeGraph {
    /// Nodes whose name is `name` (any type).
    pub fn find(&self, name: &str) -> Vec<NodeIndex> {
        let wanted = rdf::normalize_name(name);
        self.graph
            .node_indices()
            .filter(|&i| rdf::normalize_name(&self.graph[i].name) == wanted)
            .collect()
    }

    /// Nodes per type, in type order.
    pub fn nodes_per_type(&self) -> BTreeMap<EntityType, usize> {
        let mut m: BTreeMap<EntityType, usize> = EntityType::ALL.iter().map(|t| (*t, 0)).collect();
        for n in self.graph.node_weights() {
            *m.entry(n.kind).or_default() += 1;
        }
        m
    }

    /// Edges per predicate, in predicate order.
    pub fn edges_per_predicate(&self) -> BTreeMap<Predicate, usize> {
        let mut m: BTreeMap<Predicate, usize> = Predicate::ALL.iter().map(|p| (*p, 0)).collect();
        for e in self.graph.edge_weights() {
            *m.entry(e.predicate).or_default() += 1;
        }
        m
    }

    /// Degree (in plus out) of every node.
    pub fn degrees(&self) -> Vec<usize> {
        self.graph
            .node_indices()
            .map(|i| {
                self.graph
                    .edges_directed(i, petgraph::Direction::Outgoing)
                    .count()
                    + self
                        .graph
                        .edges_directed(i, petgraph::Direction::Incoming)
                        .count()
            })
            .collect()
    }

    /// The part of the graph the filter keeps.
    pub fn filtered(&self, f: &Filter) -> Result<KnowledgeGraph> {
        let mut keep_edge: Vec<bool> = self
            .graph
            .edge_weights()
            .map(|e| f.predicates.is_empty() || f.predicates.contains(&e.predicate))
            .collect();
        let mut keep_node: Vec<bool> = vec![true; self.graph.node_count()];
        if let Some(name) = &f.focus {
            let start = self.find(name);
            if start.is_empty() {
                return Err(Error::Usage(format!(
                    "--focus {name}: no entity of that name in the store (try `zhkg query` to list names)"
                )));
            }
            keep_node = vec![false; self.graph.node_count()];
            let mut queue: VecDeque<(NodeIndex, usize)> = start.iter().map(|&s| (s, 0)).collect();
            for &s in &start {
                keep_node[s.index()] = true;
            }
            while let Some((n, d)) = queue.pop_front() {
                if d >= f.depth {
                    continue;
                }
                let neighbours = self
                    .graph
                    .edges_directed(n, petgraph::Direction::Outgoing)
                    .map(|e| (e.id(), e.target()))
                    .chain(
                        self.graph
                            .edges_directed(n, petgraph::Direction::Incoming)
                            .map(|e| (e.id(), e.source())),
                    );
                for (e, m) in neighbours.collect::<Vec<_>>() {
                    if keep_edge[e.index()] && !keep_node[m.index()] {
                        keep_node[m.index()] = true;
                        queue.push_back((m, d + 1));
                    }
                }
            }
        }
        if f.focus.is_some() || !f.predicates.is_empty() {
            // Drop nodes left with no kept edge (but never the focus).
            let focus: HashSet<NodeIndex> = f
                .focus
                .as_deref()
                .map(|n| self.find(n).into_iter().collect())
                .unwrap_or_default();
            let mut touched = vec![false; self.graph.node_count()];
            for e in self.graph.edge_indices() {
                let (a, b) = self.graph.edge_endpoints(e).expect("edge of this graph");
                if keep_edge[e.index()] && keep_node[a.index()] && keep_node[b.index()] {
                    touched[a.index()] = true;
                    touched[b.index()] = true;
                }
            }
            for i in self.graph.node_indices() {
                keep_node[i.index()] &= touched[i.index()] || focus.contains(&i);
            }
        }
        if let Some(max) = f.max_nodes {
            let degrees = self.degrees();
            let mut order: Vec<NodeIndex> = self
                .graph
                .node_indices()
                .filter(|i| keep_node[i.index()])
                .collect();
            order.sort_by(|a, b| {
                degrees[b.index()]
                    .cmp(&degrees[a.index()])
                    .then(self.graph[*a].name.cmp(&self.graph[*b].name))
            });
            for i in order.into_iter().skip(max) {
                keep_node[i.index()] = false;
            }
        }
        for e in self.graph.edge_indices() {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge of this graph");
            keep_edge[e.index()] &= keep_node[a.index()] && keep_node[b.index()];
        }
        let graph = self.graph.filter_map(
            |i, n| keep_node[i.index()].then(|| n.clone()),
            |e, w| keep_edge[e.index()].then(|| w.clone()),
        );
        Ok(KnowledgeGraph {
            graph,
            documents: self.documents,
        })
    }
}

/// Our relations' IRIs, sorted, with their predicates.
fn predicates_in_iri_order() -> Vec<(String, Predicate)> {
    let mut predicates: Vec<(String, Predicate)> = Predicate::ALL
        .iter()
        .map(|p| (rdf::predicate_iri(*p).into_string(), *p))
        .collect();
    predicates.sort();
    predicates
}

/// Typed entities (the first of our classes each has, in IRI order as the
/// SPARQL projection orders them), relations between IRIs (subject, rank
/// of the predicate in [`predicates_in_iri_order`], object) and the number
/// of documents, from the local store.
#[allow(clippy::type_complexity)]
fn typed_and_related(
    store: &GraphStore,
) -> Result<(
    Vec<(String, EntityType)>,
    Vec<(String, usize, String)>,
    usize,
)> {
    let kinds = typed(store)?;
    let (related, documents) = related_and_documents(store)?;
    Ok((kinds, related, documents))
}

/// Typed entities in IRI order, each once, with the first of our classes
/// (in IRI order) it has.
fn typed(store: &GraphStore) -> Result<Vec<(String, EntityType)>> {
    let rdf_type = oxigraph::model::vocab::rdf::TYPE;
    let mut classes: Vec<(NamedNode, EntityType)> = EntityType::ALL
        .iter()
        .map(|k| (rdf::class_iri(*k), *k))
        .collect();
    classes.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    let mut kinds: Vec<(String, usize, EntityType)> = Vec::new();
    for (rank, (class, kind)) in classes.into_iter().enumerate() {
        for e in store.subjects_with(rdf_type, class.as_ref())? {
            if let Term::NamedNode(e) = e? {
                kinds.push((e.into_string(), rank, kind));
            }
        }
    }
    kinds.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    kinds.dedup_by(|later, first| later.0 == first.0);
    Ok(kinds.into_iter().map(|(e, _, kind)| (e, kind)).collect())
}

/// Relations between IRIs (subject, rank of the predicate in
/// [`predicates_in_iri_order`], object) and the number of documents.
#[allow(clippy::type_complexity)]
fn related_and_documents(store: &GraphStore) -> Result<(Vec<(String, usize, String)>, usize)> {
    let rdf_type = oxigraph::model::vocab::rdf::TYPE;
    let mut related = Vec::new();
    for (rank, (p, _)) in predicates_in_iri_order().iter().enumerate() {
        for pair in store.pairs_with(NamedNode::new_unchecked(p.as_str()).as_ref())? {
            if let (Term::NamedNode(s), Term::NamedNode(o)) = pair? {
                related.push((s.into_string(), rank, o.into_string()));
            }
        }
    }
    let document = NamedNode::new_unchecked(format!("{}Document", rdf::NS));
    let documents = store.count_with(rdf_type, document.as_ref())?;
    Ok((related, documents))
}

/// The least literal name of every IRI that has one, from the local store.
pub fn least_names(store: &GraphStore) -> Result<HashMap<String, String>> {
    let name = NamedNode::new_unchecked(format!("{}name", rdf::SCHEMA));
    let mut names: HashMap<String, String> = HashMap::new();
    for pair in store.pairs_with(name.as_ref())? {
        let (Term::NamedNode(e), Term::Literal(l)) = pair? else {
            continue;
        };
        match names.get_mut(e.as_str()) {
            Some(n) if l.value() < n.as_str() => *n = l.value().to_string(),
            Some(_) => {}
            None => {
                names.insert(e.into_string(), l.value().to_string());
            }
        }
    }
    Ok(names)
}

/// The least literal name of every IRI that has one, and the posts of
/// memberships (member, organization, the label of a role), from the
/// local store.
#[allow(clippy::type_complexity)]
fn named_and_posts(
    store: &GraphStore,
) -> Result<(HashMap<String, String>, Vec<(String, String, String)>)> {
    let iri = |s: String| NamedNode::new_unchecked(s);
    let names = least_names(store)?;
    let objects = |p: String| -> Result<HashMap<String, Vec<Term>>> {
        let mut m: HashMap<String, Vec<Term>> = HashMap::new();
        for pair in store.pairs_with(iri(p).as_ref())? {
            if let (Term::NamedNode(s), o) = pair? {
                m.entry(s.into_string()).or_default().push(o);
            }
        }
        Ok(m)
    };
    let member = objects(format!("{}member", rdf::ORG))?;
    let organization = objects(format!("{}organization", rdf::ORG))?;
    let role = objects(format!("{}role", rdf::ORG))?;
    let labels = objects(format!("{}prefLabel", rdf::SKOS))?;
    let membership = iri(format!("{}Membership", rdf::ORG));
    let mut posts = Vec::new();
    let rdf_type = oxigraph::model::vocab::rdf::TYPE;
    for m in store.subjects_with(rdf_type, membership.as_ref())? {
        let Term::NamedNode(m) = m? else {
            continue;
        };
        let (Some(ss), Some(os), Some(rs)) = (
            member.get(m.as_str()),
            organization.get(m.as_str()),
            role.get(m.as_str()),
        ) else {
            continue;
        };
        let labels = rs
            .iter()
            .filter_map(|r| named(r).and_then(|r| labels.get(r)))
            .flatten()
            .filter_map(|l| match l {
                Term::Literal(l) => Some(l.value()),
                _ => None,
            });
        for label in labels {
            for s in ss.iter().filter_map(named) {
                for o in os.iter().filter_map(named) {
                    posts.push((s.to_string(), o.to_string(), label.to_string()));
                }
            }
        }
    }
    Ok((names, posts))
}

/// The IRI of a term that is one.
fn named(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small graph: two people attend one meeting; one is a member.
    pub(crate) fn sample() -> KnowledgeGraph {
        let mut g = DiGraph::new();
        let node = |name: &str, kind| Node {
            iri: rdf::entity_iri(kind, name).as_str().to_string(),
            name: name.into(),
            kind,
        };
        let a = g.add_node(node("张三", EntityType::Person));
        let b = g.add_node(node("李四", EntityType::Person));
        let m = g.add_node(node("某某会议", EntityType::Event));
        let o = g.add_node(node("某市总工会", EntityType::Organization));
        let z = g.add_node(node("王五", EntityType::Person));
        let edge = |p| Edge {
            predicate: p,
            roles: vec![],
        };
        g.add_edge(a, m, edge(Predicate::Attended));
        g.add_edge(a, m, edge(Predicate::SpokeAt));
        g.add_edge(b, m, edge(Predicate::Attended));
        g.add_edge(
            b,
            o,
            Edge {
                predicate: Predicate::MemberOf,
                roles: vec!["主席".into()],
            },
        );
        g.add_edge(z, o, edge(Predicate::MemberOf));
        KnowledgeGraph {
            graph: g,
            documents: 1,
        }
    }

    /// The local projection and the SPARQL one agree: nodes (least name,
    /// first class by IRI), edges in order, posts, documents.
    #[test]
    fn the_local_projection_is_the_sparql_one() {
        let ttl = format!(
            "{}
            @prefix x: <https://w3id.org/zhkg/id/> .
            x:d1 a zhkg:Document . x:d2 a zhkg:Document .
            x:b a schema:Person ; schema:name \"李四\"@zh ; zhkg:attended x:m ; org:memberOf x:o .
            x:a a schema:Person ; schema:name \"张三\"@zh, \"张三丰\"@zh ;
                zhkg:attended x:m ; zhkg:spokeAt x:m ; zhkg:presided x:m ; org:memberOf x:o .
            x:m a schema:Event ; schema:name \"大会\"@zh ; schema:location x:p .
            x:p a schema:Place, schema:Event ; schema:name \"杭州\"@zh .
            x:o a schema:Organization ; schema:name \"某市委\"@zh .
            x:u zhkg:attended x:m .
            x:ms a org:Membership ; org:member x:a ; org:organization x:o ; org:role x:r1, x:r2 .
            x:r1 skos:prefLabel \"书记\"@zh . x:r2 skos:prefLabel \"主任\"@zh .
            x:mb a org:Membership ; org:member x:b ; org:organization x:o .
            ",
            rdf::PREFIXES
                .replace("PREFIX ", "@prefix ")
                .replace(">\n", "> .\n")
        );
        let quads: Vec<oxigraph::model::Quad> =
            oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
                .for_reader(ttl.as_bytes())
                .collect::<std::result::Result<_, _>>()
                .unwrap();
        let store = GraphStore::in_memory().unwrap();
        store.insert_quads(&quads).unwrap();
        let local = KnowledgeGraph::from_store(&store).unwrap();
        let sparql = KnowledgeGraph::from_sparql(&store).unwrap();
        let nodes = |g: &KnowledgeGraph| g.graph.node_weights().cloned().collect::<Vec<_>>();
        let edges = |g: &KnowledgeGraph| {
            g.graph
                .edge_references()
                .map(|e| {
                    (
                        g.graph[e.source()].name.clone(),
                        e.weight().clone(),
                        g.graph[e.target()].name.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(local.graph.node_count(), 5);
        assert_eq!(local.graph.edge_count(), 6);
        assert_eq!(local.documents, 2);
        assert_eq!(nodes(&local), nodes(&sparql));
        assert_eq!(edges(&local), edges(&sparql));
        assert_eq!(local.documents, sparql.documents);
        // Statistics from the unnamed projection, naming only the nodes
        // the top lists show, are those of the SPARQL projection.
        assert_eq!(
            crate::stats::of_store(&store).unwrap(),
            crate::stats::compute(&sparql)
        );
        // The same when every name is read at once.
        assert_eq!(
            crate::stats::of_store_naming(&store, 0).unwrap(),
            crate::stats::compute(&sparql)
        );
        let posts: Vec<&Edge> = local
            .graph
            .edge_weights()
            .filter(|e| !e.roles.is_empty())
            .collect();
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].roles, ["主任", "书记"]);
        assert_eq!(local.graph[NodeIndex::new(0)].name, "张三");
        assert_eq!(local.graph[NodeIndex::new(4)].kind, EntityType::Event);
    }

    #[test]
    fn focus_keeps_what_lies_within_depth() {
        let g = sample();
        let f = Filter {
            focus: Some("张三".into()),
            depth: 1,
            ..Filter::default()
        };
        let names: Vec<String> = g
            .filtered(&f)
            .unwrap()
            .graph
            .node_weights()
            .map(|n| n.name.clone())
            .collect();
        assert_eq!(names, ["张三", "某某会议"]);
        let f = Filter {
            focus: Some("张三".into()),
            depth: 2,
            ..Filter::default()
        };
        assert_eq!(g.filtered(&f).unwrap().graph.node_count(), 3);
    }

    #[test]
    fn an_unknown_focus_is_an_error() {
        let f = Filter {
            focus: Some("无此人".into()),
            depth: 1,
            ..Filter::default()
        };
        assert!(sample().filtered(&f).is_err());
    }

    #[test]
    fn predicates_and_max_nodes_cut_the_graph() {
        let g = sample();
        let f = Filter {
            predicates: vec![Predicate::MemberOf],
            ..Filter::default()
        };
        let k = g.filtered(&f).unwrap();
        assert_eq!(k.graph.edge_count(), 2);
        assert_eq!(k.graph.node_count(), 3);
        let f = Filter {
            max_nodes: Some(2),
            ..Filter::default()
        };
        let k = g.filtered(&f).unwrap();
        assert_eq!(k.graph.node_count(), 2);
        // The two best connected: the meeting (3 edges) and 张三 / 李四 (2).
        assert!(k.graph.node_weights().any(|n| n.name == "某某会议"));
    }
}
