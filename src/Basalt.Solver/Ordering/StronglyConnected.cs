namespace Basalt.Solver.Ordering;

/// <summary>Tarjan's strongly connected components, iterative (no recursion depth limit on long requirement chains).</summary>
internal static class StronglyConnected
{
    public static List<List<int>> Components(int n, Func<int, IEnumerable<int>> successors)
    {
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        int counter = 0;
        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            var work = new Stack<(int Node, IEnumerator<int> Next)>();
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            work.Push((root, successors(root).GetEnumerator()));
            while (work.Count > 0)
            {
                var (node, next) = work.Peek();
                if (next.MoveNext())
                {
                    int child = next.Current;
                    if (index[child] < 0)
                    {
                        index[child] = low[child] = counter++;
                        stack.Push(child);
                        onStack[child] = true;
                        work.Push((child, successors(child).GetEnumerator()));
                    }
                    else if (onStack[child])
                    {
                        low[node] = Math.Min(low[node], index[child]);
                    }

                    continue;
                }

                next.Dispose();
                work.Pop();
                if (work.Count > 0)
                {
                    int parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != node);
                    component.Sort();
                    result.Add(component);
                }
            }
        }

        return result;
    }
}
