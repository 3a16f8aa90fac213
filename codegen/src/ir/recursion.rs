//! Which members must be boxed: a structure or union that contains itself
//! without a list or map in between would have infinite size.
//!
//! A member is boxed when its target lies in the same strongly connected
//! component of the "contains directly" graph as the shape holding it. Lists and
//! maps allocate, so edges through them do not count.

use std::collections::BTreeMap;

use crate::model::{Model, ShapeId, ShapeType};

/// Strongly connected components of the direct-containment graph among `shapes`.
pub struct Cycles {
    component: BTreeMap<ShapeId, usize>,
}

impl Cycles {
    /// Computes the components for the given structures and unions.
    pub fn new<'a>(model: &Model, shapes: impl IntoIterator<Item = &'a ShapeId>) -> Self {
        let nodes: Vec<&ShapeId> = shapes
            .into_iter()
            .filter(|id| {
                model.shape(id).is_some_and(|s| {
                    matches!(s.shape_type, ShapeType::Structure | ShapeType::Union)
                })
            })
            .collect();
        let index: BTreeMap<&ShapeId, usize> =
            nodes.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let edges: Vec<Vec<usize>> = nodes
            .iter()
            .map(|id| {
                model.shape(id).map_or_else(Vec::new, |shape| {
                    shape
                        .members
                        .iter()
                        .filter_map(|m| index.get(&m.target).copied())
                        .collect()
                })
            })
            .collect();
        let components = tarjan(&edges);
        Self {
            component: nodes
                .iter()
                .zip(components)
                .map(|(id, c)| ((*id).clone(), c))
                .collect(),
        }
    }

    /// Whether a member of `holder` targeting `target` closes a cycle.
    pub fn needs_box(&self, holder: &ShapeId, target: &ShapeId) -> bool {
        match (self.component.get(holder), self.component.get(target)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }
}

/// Tarjan's algorithm, iterative so deep models cannot overflow the stack.
/// Returns the component number of each node.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, position in its edge list)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNVISITED {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::tarjan;

    #[test]
    fn components() {
        // 0 -> 1 -> 0 (cycle), 2 -> 2 (self loop), 3 -> 0 (no cycle)
        let c = tarjan(&[vec![1], vec![0], vec![2], vec![0]]);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[3], c[2]);
    }
}
