using System.Globalization;
using System.Text;
using Arena.Sessions;

namespace Arena.Assistant;

/// <summary>The system prompt: what Arena is, the session's datasets, and how to use the tools.</summary>
public static class AssistantPrompt
{
    public static string System(IReadOnlyList<DatasetInfo> datasets, IReadOnlyList<string> tools)
    {
        var text = new StringBuilder();
        text.AppendLine("You are the assistant of Arena, an LLM arena: people compare two anonymous models side by side, vote for the better answer, and the votes feed a live leaderboard (online Elo and Bradley-Terry ratings with confidence intervals, overall and per category).");
        text.AppendLine("You answer questions about the arena and about the datasets the user uploaded.");
        text.AppendLine("Use the tools for every number, statistic, rating or count. Never invent or estimate a number a tool could give you; if no tool can answer, say so.");
        text.AppendLine("When a tool returns an error, read it, fix the arguments if you can, and otherwise tell the user what went wrong.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Tools available now: {(tools.Count == 0 ? "none" : string.Join(", ", tools))}.");
        if (datasets.Count == 0)
        {
            text.AppendLine("The user has not uploaded a dataset.");
        }
        else
        {
            text.AppendLine("The user's datasets:");
            foreach (var dataset in datasets)
            {
                var columns = string.Join(", ", dataset.Columns.Select(c => $"{c.Name} ({c.Type.ToString().ToLowerInvariant()})"));
                text.AppendLine(CultureInfo.InvariantCulture, $"- {dataset.Name}: {dataset.Rows} rows; columns: {columns}");
            }
        }

        return text.ToString();
    }
}
