//! Graph statistics: sizes, density, connected components, degrees, the
//! most active people, PageRank and the largest organizations, computed on
//! the petgraph projection.

use crate::error::Result;
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::location::SparqlSource;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use zhkg_extract::model::{EntityType, Predicate};

/// A name with a number (events attended, members, a score).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ranked {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub value: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Degrees {
    pub min: usize,
    pub median: f64,
    pub mean: f64,
    pub max: usize,
    /// Nodes with no edge.
    pub isolated: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    pub documents: usize,
    pub nodes: usize,
    pub edges: usize,
    pub nodes_per_type: BTreeMap<String, usize>,
    pub edges_per_predicate: BTreeMap<String, usize>,
    /// Edges over possible directed edges, n·(n−1).
    pub density: f64,
    pub components: usize,
    pub largest_component: usize,
    pub degrees: Degrees,
    pub top_attendees: Vec<Ranked>,
    pub top_pagerank: Vec<Ranked>,
    pub largest_organizations: Vec<Ranked>,
}

/// Past this many nodes to name one by one, `stats` reads every name at
/// once. A lookup takes some 10 µs; reading every name of the 100 MB
/// stores takes 0.7–2.5 s. The growing corpus's lists need fewer than
/// 2,000 lookups; the repeated corpus, whose copies tie, many more.
const NAME_LOOKUPS: usize = 2_000;

/// How many entries each top list keeps.
pub const TOP: usize = 10;

/// The statistics of a store's entity graph. On the local store the graph
/// is read without names ([`KnowledgeGraph::from_local_unnamed`]) and only
/// the nodes the top lists may show are named; elsewhere, through SPARQL.
pub fn of_store(store: &dyn SparqlSource) -> Result<Stats> {
    of_store_naming(store, NAME_LOOKUPS)
}

/// [`of_store`], reading every name once past `lookups` nodes to name.
pub fn of_store_naming(store: &dyn SparqlSource, lookups: usize) -> Result<Stats> {
    match store.local_store() {
        Some(local) => {
            let g = KnowledgeGraph::from_local_unnamed(local)?;
            // One lookup per node a list may show; when ties make those
            // many (a corpus of repeated articles ties thousands), one
            // read of every name instead.
            let mut asked = 0;
            let mut all: Option<std::collections::HashMap<String, String>> = None;
            compute_with(&g, &mut |i| {
                asked += 1;
                if all.is_none() && asked > lookups {
                    all = Some(crate::graph::least_names(local)?);
                }
                let iri = &g.graph[i].iri;
                Ok(match &all {
                    Some(names) => names.get(iri).cloned(),
                    None => local.least_name(iri)?,
                }
                .unwrap_or_default())
            })
        }
        None => Ok(compute(&KnowledgeGraph::from_store(store)?)),
    }
}

/// Computes the statistics of a graph whose nodes carry their names.
pub fn compute(g: &KnowledgeGraph) -> Stats {
    let named = compute_with(g, &mut |i| Ok(g.graph[i].name.clone()));
    named.expect("names from the graph itself")
}

/// Computes the statistics of a graph, asking `name` for the names of the
/// nodes that may enter a top list (those at or above its tenth value).
pub fn compute_with(
    g: &KnowledgeGraph,
    name: &mut dyn FnMut(NodeIndex) -> Result<String>,
) -> Result<Stats> {
    let graph = &g.graph;
    let n = graph.node_count();
    let e = graph.edge_count();
    let mut uf = UnionFind::<usize>::new(n);
    for edge in graph.edge_references() {
        uf.union(edge.source().index(), edge.target().index());
    }
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for i in 0..n {
        *sizes.entry(uf.find(i)).or_default() += 1;
    }
    let mut degrees = g.degrees();
    let isolated = degrees.iter().filter(|d| **d == 0).count();
    let degree_summary = if degrees.is_empty() {
        Degrees {
            min: 0,
            median: 0.0,
            mean: 0.0,
            max: 0,
            isolated,
        }
    } else {
        degrees.sort_unstable();
        let m = degrees.len();
        let median = if m % 2 == 1 {
            degrees[m / 2] as f64
        } else {
            (degrees[m / 2 - 1] + degrees[m / 2]) as f64 / 2.0
        };
        Degrees {
            min: degrees[0],
            median,
            mean: degrees.iter().sum::<usize>() as f64 / m as f64,
            max: degrees[m - 1],
            isolated,
        }
    };

    // The TOP highest values, ties by name: only the nodes at or above the
    // TOP-th value can be listed, so only they are named.
    let mut rank = |mut v: Vec<(NodeIndex, f64)>| -> Result<Vec<Ranked>> {
        let by_value = |a: &f64, b: &f64| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal);
        v.sort_by(|a, b| by_value(&a.1, &b.1));
        if v.len() > TOP {
            let last = v[TOP - 1].1;
            let keep = v.iter().take_while(|(_, x)| *x >= last).count();
            v.truncate(keep);
        }
        let mut ranked = v
            .into_iter()
            .map(|(i, value)| {
                Ok(Ranked {
                    name: name(i)?,
                    kind: graph[i].kind,
                    value,
                })
            })
            .collect::<Result<Vec<Ranked>>>()?;
        ranked.sort_by(|a, b| by_value(&a.value, &b.value).then(a.name.cmp(&b.name)));
        ranked.truncate(TOP);
        Ok(ranked)
    };
    // Events each person attended (distinct events).
    let top_attendees = rank(
        graph
            .node_indices()
            .filter(|&i| graph[i].kind == EntityType::Person)
            .map(|i| {
                let events: HashSet<_> = graph
                    .edges(i)
                    .filter(|e| e.weight().predicate == Predicate::Attended)
                    .map(|e| e.target())
                    .collect();
                (i, events.len() as f64)
            })
            .filter(|(_, v)| *v > 0.0)
            .collect(),
    )?;
    let pr = page_rank(graph, 0.85, 50);
    let top_pagerank = rank(
        graph
            .node_indices()
            .map(|i| (i, (pr[i.index()] * 1e4).round() / 1e4))
            .collect(),
    )?;
    let largest_organizations = rank(
        graph
            .node_indices()
            .filter(|&i| graph[i].kind == EntityType::Organization)
            .map(|i| {
                let members: HashSet<_> = graph
                    .edges_directed(i, petgraph::Direction::Incoming)
                    .filter(|e| e.weight().predicate == Predicate::MemberOf)
                    .map(|e| e.source())
                    .collect();
                (i, members.len() as f64)
            })
            .filter(|(_, v)| *v > 0.0)
            .collect(),
    )?;
    Ok(Stats {
        documents: g.documents,
        nodes: n,
        edges: e,
        nodes_per_type: g
            .nodes_per_type()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        edges_per_predicate: g
            .edges_per_predicate()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        density: if n > 1 {
            e as f64 / (n as f64 * (n as f64 - 1.0))
        } else {
            0.0
        },
        components: sizes.len(),
        largest_component: sizes.values().copied().max().unwrap_or(0),
        degrees: degree_summary,
        top_attendees,
        top_pagerank,
        largest_organizations,
    })
}

/// PageRank as `petgraph::algo::page_rank` defines it (the same scores),
/// in time linear in nodes plus edges per iteration where petgraph's takes
/// nodes squared: a node `w` gives `d·r(w)/out(w)` to each node it links
/// to (once, however many edges), `d·r(w)/n` to every node when it has no
/// out-edge, and `(1−d)·r(w)/n` to every node it does not link to; the
/// scores are then scaled to sum to one. Summing every node's `/n` share
/// once and correcting the linked pairs gives the same sums.
pub fn page_rank(graph: &DiGraph<Node, Edge>, d: f64, iterations: usize) -> Vec<f64> {
    let n = graph.node_count();
    if n == 0 {
        return Vec::new();
    }
    let nb = n as f64;
    let mut out = vec![0.0_f64; n];
    let mut links: Vec<(usize, usize)> = graph
        .edge_references()
        .map(|e| (e.source().index(), e.target().index()))
        .collect();
    for &(w, _) in &links {
        out[w] += 1.0;
    }
    links.sort_unstable();
    links.dedup();
    let mut ranks = vec![1.0 / nb; n];
    let mut pi = vec![0.0_f64; n];
    for _ in 0..iterations {
        let share = |w: usize, r: f64| {
            if out[w] == 0.0 {
                d * r / nb
            } else {
                (1.0 - d) * r / nb
            }
        };
        let all: f64 = ranks.iter().enumerate().map(|(w, &r)| share(w, r)).sum();
        pi.iter_mut().for_each(|p| *p = all);
        for &(w, v) in &links {
            pi[v] += d * ranks[w] / out[w] - share(w, ranks[w]);
        }
        let sum: f64 = pi.iter().sum();
        for (r, p) in ranks.iter_mut().zip(&pi) {
            *r = p / sum;
        }
    }
    ranks
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.4}")
    }
}

/// Prints the statistics for people.
pub fn write_table(s: &Stats, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "documents           {}", s.documents)?;
    writeln!(out, "nodes               {}", s.nodes)?;
    for (k, v) in &s.nodes_per_type {
        writeln!(out, "  {k:<18}{v}")?;
    }
    writeln!(out, "edges               {}", s.edges)?;
    for (k, v) in &s.edges_per_predicate {
        writeln!(out, "  {k:<18}{v}")?;
    }
    writeln!(out, "density             {:.4}", s.density)?;
    writeln!(
        out,
        "components          {} (largest: {} nodes)",
        s.components, s.largest_component
    )?;
    let d = &s.degrees;
    writeln!(
        out,
        "degree              min {} · median {} · mean {:.2} · max {} · isolated {}",
        d.min,
        fmt_value(d.median),
        d.mean,
        d.max,
        d.isolated
    )?;
    let lists: [(&str, &str, &Vec<Ranked>); 3] = [
        ("top people by events attended", "events", &s.top_attendees),
        ("top entities by PageRank", "pagerank", &s.top_pagerank),
        (
            "organizations with the most members",
            "members",
            &s.largest_organizations,
        ),
    ];
    for (title, col, list) in lists {
        writeln!(out)?;
        writeln!(out, "{title}")?;
        if list.is_empty() {
            writeln!(out, "  (none)")?;
            continue;
        }
        let mut rows = vec![vec![
            "name".to_string(),
            "type".to_string(),
            col.to_string(),
        ]];
        rows.extend(
            list.iter()
                .map(|r| vec![r.name.clone(), r.kind.to_string(), fmt_value(r.value)]),
        );
        let mut buf = Vec::new();
        crate::store::write_aligned(&rows, &mut buf)?;
        for line in String::from_utf8_lossy(&buf).lines() {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Node};

    /// Top lists name only the nodes at or above their tenth value, and
    /// list the same as when every node is named: ties by name.
    #[test]
    fn only_the_nodes_a_top_list_may_show_are_named() {
        let mut g = DiGraph::new();
        let event = g.add_node(Node {
            iri: "e".into(),
            name: "大会".into(),
            kind: EntityType::Event,
        });
        let other = g.add_node(Node {
            iri: "f".into(),
            name: "另一会".into(),
            kind: EntityType::Event,
        });
        // Fourteen persons: the last two attended both events (2), the
        // rest one (1); the tenth value is 1, a tie among twelve.
        for k in 0..14 {
            let p = g.add_node(Node {
                iri: format!("p{k:02}"),
                name: format!("人{:02}", 13 - k),
                kind: EntityType::Person,
            });
            let attended = || Edge {
                predicate: Predicate::Attended,
                roles: Vec::new(),
            };
            g.add_edge(p, event, attended());
            if k >= 12 {
                g.add_edge(p, other, attended());
            }
        }
        let kg = KnowledgeGraph {
            graph: g,
            documents: 1,
        };
        let (lazy, asked) = named_lazily(&kg);
        let names: Vec<&str> = lazy.top_attendees.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names[..3], ["人00", "人01", "人02"]);
        assert_eq!(lazy.top_attendees[0].value, 2.0);
        assert_eq!(lazy.top_attendees[2].value, 1.0);
        // The tenth value ties every person: all of them are named.
        assert_eq!(
            asked
                .iter()
                .filter(|i| kg.graph[**i].kind == EntityType::Person)
                .count(),
            28
        );
    }

    /// Stats naming nodes one at a time, checked against naming them all;
    /// and the nodes it asked the names of.
    fn named_lazily(kg: &KnowledgeGraph) -> (Stats, Vec<NodeIndex>) {
        let mut asked = Vec::new();
        let lazy = compute_with(kg, &mut |i| {
            asked.push(i);
            Ok(kg.graph[i].name.clone())
        })
        .unwrap();
        assert_eq!(lazy, compute(kg));
        (lazy, asked)
    }

    /// Without ties, a list names its ten nodes, not every candidate.
    #[test]
    fn a_list_without_ties_names_ten_nodes() {
        let mut g = DiGraph::new();
        let events: Vec<_> = (0..25)
            .map(|j| {
                g.add_node(Node {
                    iri: format!("e{j:02}"),
                    name: format!("会{j:02}"),
                    kind: EntityType::Event,
                })
            })
            .collect();
        // Person k attended events 0..=k: 25 distinct counts.
        for k in 0..25 {
            let p = g.add_node(Node {
                iri: format!("p{k:02}"),
                name: format!("人{k:02}"),
                kind: EntityType::Person,
            });
            for e in &events[..=k] {
                g.add_edge(
                    p,
                    *e,
                    Edge {
                        predicate: Predicate::Attended,
                        roles: Vec::new(),
                    },
                );
            }
        }
        let kg = KnowledgeGraph {
            graph: g,
            documents: 1,
        };
        let (lazy, asked) = named_lazily(&kg);
        assert_eq!(lazy.top_attendees[0].name, "人24");
        let persons = asked
            .iter()
            .filter(|i| kg.graph[**i].kind == EntityType::Person)
            .count();
        // Attendees: ten persons of 25 (PageRank ties every person, who
        // all have no incoming edge, but persons never reach its top ten).
        assert_eq!(persons, TOP, "{asked:?}");
        // Naming every candidate would ask 25 persons and 50 nodes.
        assert!(asked.len() < 25, "{}", asked.len());
    }

    #[test]
    fn statistics_of_a_small_graph() {
        let s = compute(&crate::graph::tests::sample());
        assert_eq!(s.nodes, 5);
        assert_eq!(s.edges, 5);
        assert_eq!(s.nodes_per_type["Person"], 3);
        assert_eq!(s.edges_per_predicate["memberOf"], 2);
        assert_eq!(s.components, 1);
        assert_eq!(s.largest_component, 5);
        assert_eq!(s.degrees.max, 3);
        assert_eq!(s.top_attendees.len(), 2);
        assert_eq!(s.top_attendees[0].value, 1.0);
        assert_eq!(s.largest_organizations[0].name, "某市总工会");
        assert_eq!(s.largest_organizations[0].value, 2.0);
        assert!((s.density - 5.0 / 20.0).abs() < 1e-9);
    }

    #[test]
    fn page_rank_gives_petgraph_s_scores() {
        let mut g = crate::graph::tests::sample();
        // A self-loop and a node with no edge too.
        let a = petgraph::graph::NodeIndex::new(0);
        g.graph.add_edge(
            a,
            a,
            Edge {
                predicate: zhkg_extract::model::Predicate::Attended,
                roles: vec![],
            },
        );
        g.graph.add_node(Node {
            iri: "urn:x".into(),
            name: "x".into(),
            kind: EntityType::Place,
        });
        let ours = page_rank(&g.graph, 0.85, 50);
        let theirs = petgraph::algo::page_rank(&g.graph, 0.85_f64, 50);
        assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(&theirs) {
            assert!((a - b).abs() < 1e-12, "{ours:?} vs {theirs:?}");
        }
        assert!(page_rank(&KnowledgeGraph::default().graph, 0.85, 50).is_empty());
    }

    #[test]
    fn an_empty_graph_has_zero_statistics() {
        let s = compute(&KnowledgeGraph::default());
        assert_eq!(s.nodes, 0);
        assert_eq!(s.components, 0);
        assert_eq!(s.density, 0.0);
    }
}
