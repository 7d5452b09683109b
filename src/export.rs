//! Export of the entity graph as GraphViz DOT: shapes and colours by type,
//! names as labels, relations (and posts) on the edges, a CJK-capable font.
//! RDF exports (Turtle, N-Triples, N-Quads, TriG) are the store's dump.

use crate::graph::KnowledgeGraph;
use crate::model::{EntityType, Predicate};
use petgraph::visit::EdgeRef;
use std::io::{self, Write};

/// Fonts that carry Chinese glyphs, in order of preference; Graphviz
/// (through fontconfig) takes the first one installed.
pub const CJK_FONTS: &str =
    "Noto Sans CJK SC,WenQuanYi Zen Hei,Source Han Sans SC,SimHei,Microsoft YaHei,sans-serif";

fn style(kind: EntityType) -> (&'static str, &'static str) {
    match kind {
        EntityType::Person => ("ellipse", "#cfe2ff"),
        EntityType::Organization => ("box", "#d1e7dd"),
        EntityType::Event => ("hexagon", "#fff3cd"),
        EntityType::Place => ("house", "#e2d9f3"),
    }
}

fn edge_label(p: Predicate) -> &'static str {
    match p {
        Predicate::Attended => "出席",
        Predicate::SpokeAt => "讲话",
        Predicate::Presided => "主持",
        Predicate::MemberOf => "任职",
    }
}

/// Quotes a DOT string: backslashes and double quotes escaped, line breaks
/// as `\n`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the graph as a DOT digraph.
pub fn write_dot(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph zhkg {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, overlap=false, fontname={}];",
        quote(CJK_FONTS)
    )?;
    writeln!(out, "  node [style=filled, fontname={}];", quote(CJK_FONTS))?;
    writeln!(out, "  edge [fontname={}, fontsize=10];", quote(CJK_FONTS))?;
    for i in g.graph.node_indices() {
        let n = &g.graph[i];
        let (shape, color) = style(n.kind);
        writeln!(
            out,
            "  n{} [label={}, shape={shape}, fillcolor={}, tooltip={}];",
            i.index(),
            quote(&n.name),
            quote(color),
            quote(&format!("{} · {}", n.kind, n.iri)),
        )?;
    }
    for e in g.graph.edge_references() {
        let w = e.weight();
        let mut label = edge_label(w.predicate).to_string();
        if !w.roles.is_empty() {
            label = format!("{label}: {}", w.roles.join("、"));
        }
        writeln!(
            out,
            "  n{} -> n{} [label={}, tooltip={}];",
            e.source().index(),
            e.target().index(),
            quote(&label),
            quote(w.predicate.as_str()),
        )?;
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_has_a_node_per_entity_and_labelled_edges() {
        let g = crate::graph::tests::sample();
        let mut out = Vec::new();
        write_dot(&g, &mut out).unwrap();
        let dot = String::from_utf8(out).unwrap();
        assert!(dot.starts_with("digraph zhkg {"));
        assert_eq!(dot.matches(" [label=").count(), 5 + 5);
        assert!(dot.contains("label=\"任职: 主席\""));
        assert!(dot.contains("shape=hexagon"));
        assert!(dot.contains("fontname=\"Noto Sans CJK SC"));
    }

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
