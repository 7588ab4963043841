using System.Globalization;
using System.Text.RegularExpressions;

namespace VllmSim.Generation;

/// <summary>What kind of question a prompt asks.</summary>
internal enum QuestionKind
{
    Greeting,
    SmallTalk,
    Code,
    Compare,
    HowTo,
    Why,
    List,
    What,
    Definition,
    Poem,
    Story,
    Joke,
    Math,
    Translation,
    Summary,
    Opinion,
    Advice,
    YesNo,
    FollowUp,
    Other,
}

/// <summary>The task, subject and details found in the user's last message (and, for follow-ups, the earlier ones).</summary>
internal sealed partial record PromptAnalysis
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "about", "from", "by", "as",
        "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "can", "could", "should", "would", "will", "shall",
        "may", "might", "must", "i", "me", "my", "you", "your", "we", "our", "it", "its", "this", "that", "these", "those",
        "what", "why", "how", "who", "when", "where", "which", "whats", "please", "tell", "explain", "describe", "give", "show",
        "write", "make", "create", "some", "any", "there", "their", "they", "them", "he", "she", "his", "her", "so", "than",
        "then", "just", "also", "into", "between", "vs", "versus", "compare", "difference", "differences", "better", "best",
        "list", "need", "want", "know", "get", "use", "using", "hi", "hello", "hey", "thanks", "thank", "good", "morning", "evening",
        "code", "function", "program", "script", "snippet", "implement", "example", "examples", "ideas", "tips", "ways", "steps",
        "work", "works", "mean", "means", "much", "many", "more", "most", "very", "really", "not", "no", "yes", "okay", "ok",
        "python", "javascript", "typescript", "csharp", "java", "rust", "go", "golang", "sql", "bash", "c", "simple", "quick",
        "short", "brief", "briefly", "let", "lets", "help", "something", "thing", "things", "one", "two", "three", "five", "ten",
        "like", "today", "now", "way", "doing", "done", "going", "have", "has", "had", "into", "over", "under", "out", "up",
    };

    private static readonly (string Word, string Language)[] Languages =
    [
        ("c#", "csharp"), ("csharp", "csharp"), (".net", "csharp"), ("dotnet", "csharp"), ("typescript", "typescript"),
        ("javascript", "javascript"), ("node", "javascript"), ("js", "javascript"), ("rust", "rust"), ("golang", "go"),
        ("go", "go"), ("java", "java"), ("sql", "sql"), ("bash", "bash"), ("shell", "bash"), ("python", "python"),
    ];

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["a couple of"] = 2, ["a few"] = 3,
    };

    public QuestionKind Kind { get; init; }

    /// <summary>The subject as a noun phrase ("photosynthesis", "birthday party"), or "this topic".</summary>
    public string Topic { get; init; } = "this topic";

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public string? CompareA { get; init; }

    public string? CompareB { get; init; }

    /// <summary>The code language asked for (python when none is named).</summary>
    public string Language { get; init; } = "python";

    public string Original { get; init; } = "";

    /// <summary>How many items a list request asks for, when it says.</summary>
    public int? Count { get; init; }

    public bool IsHaiku { get; init; }

    /// <summary>For "why is the sky blue": the statement "the sky is blue".</summary>
    public string? Clause { get; init; }

    public KnowledgeEntry? Knowledge { get; init; }

    public KnowledgeEntry? KnowledgeA { get; init; }

    public KnowledgeEntry? KnowledgeB { get; init; }

    public MathResult? Math { get; init; }

    public Translation? Translation { get; init; }

    public string? TextToSummarize { get; init; }

    /// <summary>The earlier topic a follow-up refers to.</summary>
    public string? PreviousTopic { get; init; }

    /// <summary>For a follow-up: more, example, simpler or why.</summary>
    public string? FollowUpMode { get; init; }

    /// <summary>The earlier question's kind, for a follow-up.</summary>
    public QuestionKind? PreviousKind { get; init; }

    /// <summary>The subject with its article kept ("a birthday party", "the sea"), for creative and list answers.</summary>
    public string Phrase { get; init; } = "this topic";

    /// <summary>True when the subject is something to do ("improve my sleep"), not a thing ("photosynthesis").</summary>
    public bool IsAction { get; init; }

    public string TopicTitle => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Topic);

    public bool HasTopic => Topic != "this topic";

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    public static PromptAnalysis Analyze(string text) => Analyze(text, []);

    /// <summary>Analyses the last user message; <paramref name="earlierUserMessages"/> (oldest first) let follow-ups refer back.</summary>
    public static PromptAnalysis Analyze(string text, IReadOnlyList<string> earlierUserMessages)
    {
        var current = AnalyzeOne(text);
        if (earlierUserMessages.Count == 0 || !LooksLikeFollowUp(current))
        {
            return current;
        }

        var previous = earlierUserMessages.Reverse().Select(AnalyzeOne).FirstOrDefault(p => p.HasTopic && p.Kind is not (QuestionKind.Greeting or QuestionKind.SmallTalk));
        if (previous is null)
        {
            return current;
        }

        var lower = current.Original.ToLowerInvariant();
        var about = WhatAbout().Match(lower);
        if (about.Success && about.Groups["x"].Value.Trim().Length > 1)
        {
            // "What about UDP?" after "What is TCP?": the same question about a new subject.
            var again = AnalyzeOne(previous.Kind is QuestionKind.Why ? $"Why {about.Groups["x"].Value}?" : $"What is {about.Groups["x"].Value.Trim()}?");
            return again with { Original = current.Original, PreviousTopic = previous.Topic, PreviousKind = previous.Kind };
        }

        var mode = lower.Contains("example", StringComparison.Ordinal) ? "example"
            : Has(lower, "simpl", "eli5", "five year", "5 year", "plain english", "easier") ? "simpler"
            : lower.StartsWith("why", StringComparison.Ordinal) || lower.Contains("how so", StringComparison.Ordinal) ? "why"
            : "more";
        return previous with
        {
            Kind = QuestionKind.FollowUp,
            Original = current.Original,
            PreviousTopic = previous.Topic,
            PreviousKind = previous.Kind,
            FollowUpMode = mode,
        };
    }

    private static bool LooksLikeFollowUp(PromptAnalysis current)
    {
        var lower = current.Original.ToLowerInvariant().Trim();
        if (FollowUpStart().IsMatch(lower))
        {
            return true;
        }

        var words = WordList(lower);
        return words.Count <= 8 && current.Knowledge is null
            && current.Kind is QuestionKind.What or QuestionKind.Why or QuestionKind.HowTo or QuestionKind.Other or QuestionKind.YesNo or QuestionKind.Definition
            && words.Any(w => w is "it" or "that" or "this" or "those" or "they" or "them" or "its");
    }

    private static PromptAnalysis AnalyzeOne(string text)
    {
        var original = text.Trim();
        var lower = Spaces().Replace(original.ToLowerInvariant(), " ");
        var words = WordList(lower);
        var stripped = StripPoliteness(lower);
        var strippedWords = WordList(stripped);
        var language = DetectLanguage(lower, words);
        var kind = Classify(lower, stripped, words, strippedWords, out var math, out var translation, out var summaryText);
        if (summaryText is not null)
        {
            summaryText = TextTools.TextToSummarize(original);
        }

        var (a, b) = kind is QuestionKind.Compare or QuestionKind.Opinion or QuestionKind.Advice ? FindComparison(stripped, kind != QuestionKind.Compare) : (null, null);
        if (kind == QuestionKind.Compare && a is null)
        {
            kind = QuestionKind.What;
        }

        a = a is null ? null : OriginalCasing(original, a);
        b = b is null ? null : OriginalCasing(original, b);

        var (subject, clause, phrase) = ExtractSubject(stripped, kind);
        if (a is not null && b is not null)
        {
            subject = $"{a} vs {b}";
        }

        var keywords = words.Where(w => !StopWords.Contains(w) && w.Length > 1 && !w.All(char.IsDigit)).Distinct().Take(6).ToList();
        var knowledge = kind is QuestionKind.Code or QuestionKind.Math or QuestionKind.Translation or QuestionKind.Summary or QuestionKind.Joke or QuestionKind.Poem or QuestionKind.Story
            ? null
            : KnowledgeBase.Find(subject) ?? KnowledgeBase.Find(lower);
        if (kind is QuestionKind.Poem or QuestionKind.Story or QuestionKind.Joke && subject.Length == 0)
        {
            subject = kind switch
            {
                QuestionKind.Poem => "a quiet morning",
                QuestionKind.Story => "a lost key",
                _ => "",
            };
        }

        return new PromptAnalysis
        {
            Kind = kind,
            Topic = subject.Length == 0 ? "this topic" : OriginalCasing(original, subject),
            Phrase = phrase.Length == 0 ? (subject.Length == 0 ? "this topic" : subject) : OriginalCasing(original, phrase),
            IsAction = ActionLead().IsMatch(stripped),
            Keywords = keywords,
            CompareA = a,
            CompareB = b,
            Language = language,
            Original = original,
            Count = kind == QuestionKind.List ? FindCount(stripped) : null,
            IsHaiku = kind == QuestionKind.Poem && lower.Contains("haiku", StringComparison.Ordinal),
            Clause = clause,
            Knowledge = knowledge,
            KnowledgeA = a is null ? null : KnowledgeBase.Find(a),
            KnowledgeB = b is null ? null : KnowledgeBase.Find(b),
            Math = math,
            Translation = translation,
            TextToSummarize = summaryText,
        };
    }

    private static QuestionKind Classify(string lower, string stripped, List<string> words, List<string> strippedWords, out MathResult? math, out Translation? translation, out string? summaryText)
    {
        math = null;
        translation = null;
        summaryText = null;
        if (words.Count == 0)
        {
            return QuestionKind.Other;
        }

        string[] greetings = ["hi", "hello", "hey", "greetings", "yo", "hiya", "howdy"];
        if (words.Count <= 4 && (greetings.Contains(words[0]) || lower.StartsWith("good morning", StringComparison.Ordinal) || lower.StartsWith("good evening", StringComparison.Ordinal))
            && !SmallTalk().IsMatch(stripped))
        {
            return QuestionKind.Greeting;
        }

        if (SmallTalk().IsMatch(stripped) && strippedWords.Count <= 8)
        {
            return QuestionKind.SmallTalk;
        }

        if ((translation = TextTools.ParseTranslation(stripped)) is not null)
        {
            return QuestionKind.Translation;
        }

        if (Has(stripped, "summarize", "summarise", "summary", "tl;dr", "tldr") && (summaryText = TextTools.TextToSummarize(lower.Length == stripped.Length ? stripped : lower)) is not null)
        {
            return QuestionKind.Summary;
        }

        math = Calculator.TrySolve(lower);
        if (math is not null && (MathCue().IsMatch(lower) || words.Count(w => !w.Any(char.IsDigit) && w.Length > 1) <= 3))
        {
            return QuestionKind.Math;
        }

        math = null;
        string[] codeWords = ["code", "function", "program", "script", "snippet", "implement", "class", "method", "regex", "algorithm", "query"];
        string[] languageWords = ["python", "javascript", "typescript", "rust", "java", "sql", "bash", "csharp", "c#", "golang", "shell"];
        if (Has(words, codeWords) && !Has(words, "poem", "haiku", "story", "joke")
            || Has(words, languageWords) && Has(stripped, "write ", "how do i ", "how to ", "show me", "example", "snippet", "reverse", "sort", "read a file", "fibonacci"))
        {
            return QuestionKind.Code;
        }

        if (Has(words, "haiku", "poem", "limerick", "sonnet", "verse", "rhyme", "poetry"))
        {
            return QuestionKind.Poem;
        }

        if (Has(words, "story", "tale", "fable", "bedtime"))
        {
            return QuestionKind.Story;
        }

        if (Has(words, "joke", "jokes", "pun", "puns", "funny") || lower.Contains("make me laugh", StringComparison.Ordinal))
        {
            return QuestionKind.Joke;
        }

        if (Has(words, "compare", "versus", "vs", "difference", "differences") || lower.Contains(" vs.", StringComparison.Ordinal))
        {
            return QuestionKind.Compare;
        }

        if (Has(words, "list", "ideas", "tips", "examples", "ways", "suggestions", "reasons", "facts", "names", "things") && (FindCount(stripped) is not null || Has(words, "list", "ideas", "tips", "suggestions", "ways"))
            && !stripped.StartsWith("what is", StringComparison.Ordinal))
        {
            return QuestionKind.List;
        }

        if (Has(stripped, "what do you think", "your opinion", "which is better", "which one is better", "which is best", "do you like", "your favorite", "your favourite", "is it worth", "overrated", "better than"))
        {
            return QuestionKind.Opinion;
        }

        if (Has(stripped, "should i", "any advice", "advice", "recommend", "what should", "do you suggest", "is it a good idea"))
        {
            return QuestionKind.Advice;
        }

        if (stripped.StartsWith("define ", StringComparison.Ordinal) || Has(stripped, "definition of", "meaning of", "what does", "what's the meaning")
            && (stripped.Contains("mean", StringComparison.Ordinal) || stripped.Contains("definition", StringComparison.Ordinal)))
        {
            return QuestionKind.Definition;
        }

        if (HowItWorks().IsMatch(stripped))
        {
            return QuestionKind.What;
        }

        if (stripped.StartsWith("how", StringComparison.Ordinal) || stripped.Contains("how to", StringComparison.Ordinal) || Has(words, "steps") || stripped.StartsWith("teach me", StringComparison.Ordinal))
        {
            return QuestionKind.HowTo;
        }

        if (stripped.StartsWith("why", StringComparison.Ordinal) || stripped.Contains(" why ", StringComparison.Ordinal))
        {
            return QuestionKind.Why;
        }

        if (Regex.IsMatch(stripped, @"^(what|who|where|when|explain|describe|tell me|talk about|i want to know|i'd like to know)\b", RegexOptions.CultureInvariant)
            || Has(words, "explain", "describe", "meaning"))
        {
            return QuestionKind.What;
        }

        if (Regex.IsMatch(stripped, @"^(is|are|can|does|do|did|will|was|were|has|have|could|would|am|isn't|aren't|doesn't)\b", RegexOptions.CultureInvariant))
        {
            return QuestionKind.YesNo;
        }

        return QuestionKind.Other;
    }

    private static string StripPoliteness(string lower)
    {
        var s = lower.Trim();
        for (var i = 0; i < 4; i++)
        {
            var next = Politeness().Replace(s, "").Trim();
            if (next == s)
            {
                break;
            }

            s = next;
        }

        return s.Length == 0 ? lower.Trim() : s;
    }

    private static (string Subject, string? Clause, string Phrase) ExtractSubject(string stripped, QuestionKind kind)
    {
        var s = stripped.TrimEnd('?', '.', '!', ' ');
        string? clause = null;
        switch (kind)
        {
            case QuestionKind.Poem or QuestionKind.Story or QuestionKind.Joke:
                var about = AboutRegex().Match(s);
                s = about.Success ? about.Groups["x"].Value : "";
                break;
            case QuestionKind.List:
                var list = ListSubject().Match(s);
                s = list.Success ? list.Groups["x"].Value : AboutRegex().Match(s) is { Success: true } m ? m.Groups["x"].Value : s;
                break;
            case QuestionKind.Why:
                var why = WhyIs().Match(s);
                if (why.Success)
                {
                    var rest = why.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var aux = why.Groups["aux"].Value;
                    if (aux is "is" or "are" or "was" or "were" && rest.Length is >= 2 and <= 5)
                    {
                        clause = string.Join(' ', rest[..^1]) + $" {aux} " + rest[^1];
                        s = string.Join(' ', rest[..^1]);
                    }
                    else if (aux is "do" or "did" && rest.Length is >= 2 and <= 6)
                    {
                        clause = string.Join(' ', rest);
                        s = rest[0] is "the" or "a" or "an" or "my" or "our" ? string.Join(' ', rest[..2]) : rest[0];
                    }
                    else
                    {
                        s = string.Join(' ', rest);
                    }
                }

                break;
        }

        s = QuestionLead().Replace(QuestionLead().Replace(s, ""), "");
        s = TrailingFiller().Replace(s, "");
        s = stripped.Contains("how ", StringComparison.Ordinal) ? TrailingVerb().Replace(s, "") : s;
        var phrase = string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8));
        s = LeadingArticle().Replace(s, "");
        var parts = s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ';', ':', '"', '\'')).Where(w => w.Length > 0).Take(6).ToList();
        while (parts.Count > 0 && parts[^1] is "a" or "an" or "the" or "and" or "or" or "of" or "to" or "in" or "on" or "at" or "for" or "with" or "about" or "from"
            or "by" or "as" or "is" or "are" or "please" or "me" or "you" or "it" or "this" or "that" or "now" or "today" or "then" or "so")
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return (string.Join(' ', parts), clause, phrase.Split(' ').Length <= 8 ? phrase : string.Join(' ', parts));
    }

    private static int? FindCount(string stripped)
    {
        var m = CountRegex().Match(stripped);
        if (!m.Success)
        {
            return null;
        }

        var raw = m.Groups["n"].Value;
        var n = int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : NumberWords.GetValueOrDefault(raw);
        return n is >= 1 and <= 12 ? n : n > 12 ? 12 : null;
    }

    private static string DetectLanguage(string lower, List<string> words) =>
        Languages.FirstOrDefault(l => words.Contains(l.Word) || lower.Contains(l.Word, StringComparison.Ordinal) && l.Word.Length > 3).Language ?? "python";

    private static (string? A, string? B) FindComparison(string lower, bool orOnly)
    {
        if (orOnly)
        {
            var or = OrPair().Match(lower.TrimEnd('?', '.', '!'));
            return or.Success ? (Choice(or.Groups["a"].Value), Choice(or.Groups["b"].Value)) : (null, null);
        }

        string[] markers = ["differences between ", "difference between ", "comparing ", "compare ", "between "];
        var rest = lower;
        foreach (var marker in markers)
        {
            var at = lower.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                rest = lower[(at + marker.Length)..];
                break;
            }
        }

        var match = Comparison().Match(rest);
        return match.Success ? (Clean(match.Groups["a"].Value), Clean(match.Groups["b"].Value)) : (null, null);

        static string Choice(string s) => ChoiceNoise().Replace(ChoiceNoise().Replace(Clean(s), ""), "").Trim();

        // Keep the last three words of each side: "which is faster python" becomes "faster python".
        static string Clean(string s) => LeadingArticle().Replace(string.Join(' ', s.Trim().TrimEnd('?', '.', '!', ',').Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(3)), "");
    }

    private static string OriginalCasing(string text, string lowered)
    {
        var at = text.IndexOf(lowered, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? lowered : text.Substring(at, lowered.Length);
    }

    private static List<string> WordList(string lower) =>
        [.. Words().Matches(lower).Select(m => m.Value.Trim('\'', '.', '+')).Where(w => w.Length > 0)];

    private static bool Has(List<string> words, params string[] any) => any.Any(words.Contains);

    private static bool Has(string text, params string[] any) => any.Any(a => text.Contains(a, StringComparison.Ordinal));

    [GeneratedRegex(@"[\p{L}\p{N}#+.']+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^how (?:does|do|did|is|are|was|were) (?!i\b|you\b|we\b|one\b)", RegexOptions.CultureInvariant)]
    private static partial Regex HowItWorks();

    [GeneratedRegex(@"(?:^|\b)(?:how to|how do i|how can i|how should i|how would i|how do you|how do we|how can we|teach me how to|steps to)\s", RegexOptions.CultureInvariant)]
    private static partial Regex ActionLead();

    [GeneratedRegex(@"^(?:learn|use|buy|choose|get|pick|try|go with|study|start with|start|switch to)\s+|\s+(?:first|instead|now|today|next)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChoiceNoise();

    [GeneratedRegex(@"(?<a>[\p{L}\p{N}#+. -]{1,40}?)\s+(?:vs\.?|versus|and|or|with|to)\s+(?<b>[\p{L}\p{N}#+. -]{1,40}?)(?:[?.!,]|\s+for\b|\s+in\b|\s+when\b|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"(?:^|\s)(?<a>[\p{L}\p{N}#+.]+(?:\s[\p{L}\p{N}#+.]+)?),?\s+or\s+(?<b>[\p{L}\p{N}#+.]+(?:\s[\p{L}\p{N}#+.]+)?)(?:\s+(?:first|for|to|in|as)\b.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex OrPair();

    [GeneratedRegex(@"^(?:(?:hi|hello|hey)(?:\s+there)?[,!.]*\s+|(?:can|could|would|will) you(?: please)?(?: kindly)?\s+|please\s+|kindly\s+|i (?:want|need|would like|'d like)(?: you)? to (?:know|understand|learn)(?: about)?\s+|i (?:want|need|would like|'d like)(?: you)?(?: to)?\s+|i'm curious about\s+|i wonder\s+|quick question[:,]?\s+)", RegexOptions.CultureInvariant)]
    private static partial Regex Politeness();

    [GeneratedRegex(@"^(?:what do you think (?:about|of)|what's your (?:opinion|view|take) (?:on|of|about)|what is your (?:opinion|view|take) (?:on|of|about)|your (?:opinion|view|take) (?:on|of|about)|tell me about|tell me|teach me about|talk about|explain to me|explain|describe|define|give me (?:an? )?(?:overview|summary|explanation) of|give me|show me|what is the meaning of|what's the meaning of|meaning of|definition of|what does|what do|what is|what's|what are|what were|what was|whats|who is|who was|who are|where is|where are|when is|when was|when did|how do i|how can i|how should i|how would i|how do you|how do we|how does|how do|how did|how can|how to|how is|how are|how|why is|why are|why do|why does|why did|why|is|are|does|do|can|should i|should)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionLead();

    [GeneratedRegex(@"(?:\s+(?:in simple terms|in simple words|simply|in detail|in plain english|for me|for a beginner|for beginners|to a child|like i'?m five|like i am five|briefly|please|exactly|actually|again|mean|means|stand for))+$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingFiller();

    [GeneratedRegex(@"\s+(?:work|works|happen|happens|function|functions|form|forms|occur|occurs|exist|exists)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingVerb();

    [GeneratedRegex(@"^(?:the|a|an|my|your|our|some|his|her|their)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingArticle();

    [GeneratedRegex(@"\b(?:about|on|of|regarding|featuring|involving|where|for)\s+(?<x>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AboutRegex();

    [GeneratedRegex(@"\b(?:ideas|tips|ways|examples|suggestions|things|reasons|facts|names|steps|list)\s+(?:for|to|about|on|of|when|that|in)\s+(?<x>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ListSubject();

    [GeneratedRegex(@"\b(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few)\b(?:\s+\w+){0,2}?\s+(?:ideas|tips|ways|examples|suggestions|things|reasons|facts|names|steps|items|options|places|books|activities|gifts|questions|games|habits|recipes|destinations)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CountRegex();

    [GeneratedRegex(@"^why\s+(?<aux>is|are|was|were|do|does|did|can|can't|don't|doesn't)\s+(?<rest>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex WhyIs();

    [GeneratedRegex(@"^(?:how are you|how're you|how are things|how's it going|how is it going|what's up|whats up|sup\b|who are you|what are you|what can you do|what is your name|what's your name|are you (?:a )?(?:bot|human|robot|ai|real)|which model|what model|thanks|thank you|thx|cheers|bye|goodbye|see you|good night|nice to meet you|i'm (?:bored|tired|happy|sad))", RegexOptions.CultureInvariant)]
    private static partial Regex SmallTalk();

    [GeneratedRegex(@"\b(?:what is|what's|whats|calculate|compute|solve|convert|how much is|how many|evaluate|equals|=|percent|%|square root|times|plus|minus|divided)\b|[=%√]", RegexOptions.CultureInvariant)]
    private static partial Regex MathCue();

    [GeneratedRegex(@"^(?:tell me more|more\b|go on|continue|keep going|elaborate|can you elaborate|could you elaborate|why\??$|how so|what about|and what about|and\s|can you (?:explain|expand|simplify|give|show)|could you (?:explain|expand|simplify|give|show)|give me an example|an example|example\??$|explain (?:it|that|this)|in simpler terms|simpler|what do you mean|really\??$|are you sure|say more|expand on)", RegexOptions.CultureInvariant)]
    private static partial Regex FollowUpStart();

    [GeneratedRegex(@"^(?:and\s+)?what about\s+(?<x>.+?)[?.!]*$|^and\s+(?<x>[\p{L}\p{N}#+. ]{2,30}?)\?$", RegexOptions.CultureInvariant)]
    private static partial Regex WhatAbout();
}
