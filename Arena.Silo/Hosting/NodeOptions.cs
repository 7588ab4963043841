namespace Arena.Silo.Hosting;

/// <summary>The GPU node this silo runs on (configuration section <c>Arena:Node</c>).</summary>
public sealed class NodeOptions
{
    public const string Section = "Arena:Node";

    /// <summary>The node's name, unique in the cluster: replicas on it are keyed <c>model@Name</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The models whose server (vLLM) runs on this node.</summary>
    public List<NodeModelOptions> Models { get; set; } = [];
}

/// <summary>One model served on the node (<c>Arena:Node:Models:n</c>).</summary>
public sealed class NodeModelOptions
{
    /// <summary>The model's id in the catalog (<c>Arena:Models</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The local server's OpenAI-compatible base URL, e.g. <c>http://127.0.0.1:8000/v1</c>.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The most answers the local server takes at once (vLLM's <c>--max-num-seqs</c>), if it differs from the catalog.</summary>
    public int? MaxConcurrency { get; set; }
}
