//! Export of the entity graph for the tools analysts use: GraphViz DOT
//! (shapes and colours by type, names as labels, relations and posts on
//! the edges, a CJK-capable font; SVG and PNG through Graphviz's `dot`),
//! GraphML and GEXF (Gephi, yEd, networkx), CSV node and relationship
//! files in `neo4j-admin import`'s header format, and a JSON node-link
//! graph (D3, Cytoscape.js, networkx). Every format carries each entity's
//! name, type and IRI and each edge's predicate and posts. RDF exports
//! (Turtle, N-Triples, N-Quads, TriG) are the store's dump.

use crate::graph::KnowledgeGraph;
use petgraph::visit::EdgeRef;
use std::io::{self, Write};
use zhkg_extract::model::{EntityType, Predicate};

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

/// Escapes text for XML content and attribute values.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn roles(e: &crate::graph::Edge) -> String {
    e.roles.join("、")
}

/// Writes the graph as GraphML: nodes with `name`, `type` and `iri`, edges
/// with `predicate` and `roles` (posts joined by 、).
pub fn write_graphml(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain) in [
        ("name", "node"),
        ("type", "node"),
        ("iri", "node"),
        ("predicate", "edge"),
        ("roles", "edge"),
    ] {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{id}" attr.type="string"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="zhkg" edgedefault="directed">"#)?;
    for i in g.graph.node_indices() {
        let n = &g.graph[i];
        writeln!(
            out,
            r#"    <node id="n{}"><data key="name">{}</data><data key="type">{}</data><data key="iri">{}</data></node>"#,
            i.index(),
            xml(&n.name),
            n.kind,
            xml(&n.iri)
        )?;
    }
    for e in g.graph.edge_references() {
        let w = e.weight();
        writeln!(
            out,
            r#"    <edge id="e{}" source="n{}" target="n{}"><data key="predicate">{}</data><data key="roles">{}</data></edge>"#,
            e.id().index(),
            e.source().index(),
            e.target().index(),
            w.predicate.as_str(),
            xml(&roles(w))
        )?;
    }
    writeln!(out, "  </graph>\n</graphml>")
}

/// Writes the graph as GEXF 1.2 (Gephi's format): names as labels, type
/// and IRI as node attributes, predicate (also the label) and posts as
/// edge attributes.
pub fn write_gexf(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">"#
    )?;
    writeln!(
        out,
        r#"  <meta><creator>zhkg {}</creator><description>persons, organizations, events and places from Chinese news</description></meta>"#,
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, r#"  <graph mode="static" defaultedgetype="directed">"#)?;
    writeln!(
        out,
        r#"    <attributes class="node"><attribute id="type" title="type" type="string"/><attribute id="iri" title="iri" type="string"/></attributes>"#
    )?;
    writeln!(
        out,
        r#"    <attributes class="edge"><attribute id="predicate" title="predicate" type="string"/><attribute id="roles" title="roles" type="string"/></attributes>"#
    )?;
    writeln!(out, "    <nodes>")?;
    for i in g.graph.node_indices() {
        let n = &g.graph[i];
        writeln!(
            out,
            r#"      <node id="n{}" label="{}"><attvalues><attvalue for="type" value="{}"/><attvalue for="iri" value="{}"/></attvalues></node>"#,
            i.index(),
            xml(&n.name),
            n.kind,
            xml(&n.iri)
        )?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for e in g.graph.edge_references() {
        let w = e.weight();
        writeln!(
            out,
            r#"      <edge id="e{}" source="n{}" target="n{}" label="{}"><attvalues><attvalue for="predicate" value="{}"/><attvalue for="roles" value="{}"/></attvalues></edge>"#,
            e.id().index(),
            e.source().index(),
            e.target().index(),
            w.predicate.as_str(),
            w.predicate.as_str(),
            xml(&roles(w))
        )?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

/// A CSV field, quoted when it must be (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Writes the nodes file for `neo4j-admin database import`: `id:ID`,
/// `name`, `iri` and the type as `:LABEL`.
pub fn write_csv_nodes(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "id:ID,name,iri,:LABEL")?;
    for i in g.graph.node_indices() {
        let n = &g.graph[i];
        writeln!(
            out,
            "n{},{},{},{}",
            i.index(),
            csv_field(&n.name),
            csv_field(&n.iri),
            n.kind
        )?;
    }
    Ok(())
}

/// Writes the relationships file for `neo4j-admin database import`:
/// `:START_ID`, `:END_ID`, the predicate as `:TYPE`, and the posts as a
/// `roles:string[]` array (`;`-separated).
pub fn write_csv_edges(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, ":START_ID,:END_ID,:TYPE,roles:string[]")?;
    for e in g.graph.edge_references() {
        let w = e.weight();
        writeln!(
            out,
            "n{},n{},{},{}",
            e.source().index(),
            e.target().index(),
            w.predicate.as_str(),
            csv_field(&w.roles.join(";"))
        )?;
    }
    Ok(())
}

/// Writes a node-link JSON graph (the shape D3, Cytoscape.js and
/// networkx's `node_link_graph` read): `nodes` with `id`, `name`, `type`,
/// `iri`; `links` with `source`, `target`, `predicate`, `roles`.
pub fn write_json(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    let nodes: Vec<serde_json::Value> = g
        .graph
        .node_indices()
        .map(|i| {
            let n = &g.graph[i];
            serde_json::json!({
                "id": format!("n{}", i.index()),
                "name": n.name,
                "type": n.kind.as_str(),
                "iri": n.iri,
            })
        })
        .collect();
    let links: Vec<serde_json::Value> = g
        .graph
        .edge_references()
        .map(|e| {
            let w = e.weight();
            serde_json::json!({
                "source": format!("n{}", e.source().index()),
                "target": format!("n{}", e.target().index()),
                "key": e.id().index(),
                "predicate": w.predicate.as_str(),
                "roles": w.roles,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "directed": true,
        "multigraph": true,
        "graph": {"name": "zhkg", "documents": g.documents},
        "nodes": nodes,
        "links": links,
    });
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

/// An image format Graphviz renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    Svg,
    Png,
}

/// Renders the graph through Graphviz's `dot` (the DOT above, laid out by
/// `dot -Tsvg` or `-Tpng`). Fails with an install hint when `dot` is
/// missing.
pub fn write_image(g: &KnowledgeGraph, image: Image, out: &mut dyn Write) -> crate::Result<()> {
    use std::process::{Command, Stdio};
    let mut dot_source = Vec::new();
    write_dot(g, &mut dot_source)?;
    let flag = match image {
        Image::Svg => "-Tsvg",
        Image::Png => "-Tpng",
    };
    let mut child = match Command::new("dot")
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(crate::Error::Usage(
                "SVG and PNG need Graphviz's `dot`, which is not installed \
                 (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz); \
                 or export --format dot and render it elsewhere"
                    .into(),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    // Feed dot from another thread so a large graph cannot dead-lock the pipes.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let feeder = std::thread::spawn(move || stdin.write_all(&dot_source));
    let output = child.wait_with_output()?;
    feeder
        .join()
        .map_err(|_| crate::Error::Usage("feeding dot failed".into()))??;
    if !output.status.success() {
        return Err(crate::Error::Usage(format!(
            "dot failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    out.write_all(&output.stdout)?;
    Ok(())
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

    fn render(f: fn(&KnowledgeGraph, &mut dyn Write) -> io::Result<()>) -> String {
        let g = crate::graph::tests::sample();
        let mut out = Vec::new();
        f(&g, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn graphml_and_gexf_have_every_node_and_edge_with_attributes() {
        let graphml = render(write_graphml);
        assert_eq!(graphml.matches("<node id=").count(), 5);
        assert_eq!(graphml.matches("<edge id=").count(), 5);
        assert!(graphml.contains(r#"<data key="roles">主席</data>"#));
        let gexf = render(write_gexf);
        assert_eq!(gexf.matches("<node id=").count(), 5);
        assert_eq!(gexf.matches("<edge id=").count(), 5);
        assert!(gexf.contains(r#"<attvalue for="type" value="Event"/>"#));
    }

    #[test]
    fn csv_files_have_neo4j_headers_and_a_row_per_item() {
        let nodes = render(write_csv_nodes);
        assert!(nodes.starts_with("id:ID,name,iri,:LABEL\n"));
        assert_eq!(nodes.lines().count(), 1 + 5);
        let edges = render(write_csv_edges);
        assert!(edges.starts_with(":START_ID,:END_ID,:TYPE,roles:string[]\n"));
        assert_eq!(edges.lines().count(), 1 + 5);
        assert!(edges.contains(",memberOf,主席"));
    }

    #[test]
    fn json_is_a_node_link_graph() {
        let v: serde_json::Value = serde_json::from_str(&render(write_json)).unwrap();
        assert_eq!(v["nodes"].as_array().unwrap().len(), 5);
        assert_eq!(v["links"].as_array().unwrap().len(), 5);
        assert_eq!(v["directed"], true);
    }

    #[test]
    fn xml_and_csv_escape_what_they_must() {
        assert_eq!(xml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml("x\u{1}y"), "xy");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
