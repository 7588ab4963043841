using System.Text;

namespace VllmSim.Generation;

/// <summary>Decides what to say for each kind of prompt: facts from the knowledge base, a worked sum, code, a poem, a list.</summary>
internal sealed class DraftWriter(Random random)
{
    private static readonly string[] GenericWhat =
    [
        "The quickest way into {t} is to pin down what it is for: the problem it solves or the question it answers.",
        "Most of {t} rests on a handful of core ideas; once those are clear, the details fall into place.",
        "Concrete examples make {t} far easier to grasp than abstract definitions.",
        "Like most subjects, {t} comes with a few common misconceptions, so check surprising claims against a reliable source.",
        "How deep you need to go into {t} depends on what you want to do with it.",
    ];

    private static readonly string[] GenericSteps =
    [
        "Decide what a good result looks like, in one sentence.",
        "Gather what you need before you start, so you don't stop halfway.",
        "Start with a small, low-risk first attempt.",
        "Check the result and change one thing at a time.",
        "Practise regularly: consistency beats intensity.",
        "Write down what worked so the next round is faster.",
    ];

    private static readonly string[] GenericReasons =
    [
        "There is rarely a single cause: a few factors usually work together.",
        "Physical or practical constraints often make one outcome the natural one.",
        "History plays a part too: once a pattern works well enough, it tends to stick.",
        "Small differences can be amplified over time by feedback loops.",
    ];

    private static readonly string[] GenericAdvice =
    [
        "Start from your goal: what would a good outcome look like six months from now?",
        "Weigh the cost, time and risk against what you gain.",
        "Try a small, reversible experiment before committing fully.",
        "Ask someone who has done it for their honest experience.",
        "Decide, set a date to review, and adjust then.",
    ];

    private static readonly string[] GenericIdeas =
    [
        "Start small — try a simple version this week and see what sticks.",
        "Borrow from the best — collect three examples you admire and note what they share.",
        "Set a budget and a deadline — limits keep it manageable and fun.",
        "Make it social — invite a friend or a group to join in.",
        "Add a theme or a twist — a constraint sparks creativity.",
        "Keep a notebook — write down what works so you can repeat it.",
        "Mix in a hobby — combine it with something you already enjoy.",
        "Ask for feedback early — a quick opinion saves a lot of rework.",
        "Automate the boring parts — templates and checklists save time.",
        "Celebrate small wins — progress you notice is progress you keep.",
        "Learn one new skill for it — a short course or tutorial goes a long way.",
        "Give it a regular slot — a fixed time each week makes it a habit.",
    ];

    private static readonly (string Key, string[] Ideas)[] IdeaPools =
    [
        ("birthday", [
            "Themed costume party — pick a decade or a film and ask everyone to dress up.",
            "Backyard movie night — a projector, a sheet, blankets and popcorn.",
            "Cooking or pizza-making party — everyone tops their own dough.",
            "Scavenger hunt — clues around the house or neighbourhood that end at the cake.",
            "Karaoke night — a playlist of everyone's favourite songs and a trophy for the bravest singer.",
            "Picnic in the park — easy food, lawn games and no clean-up at home.",
            "Game tournament — board games or video games with a small prize.",
            "Memory jar — guests write a favourite memory or wish to read aloud later.",
            "Escape room outing — a team challenge that gets everyone talking.",
            "DIY craft station — decorate mugs, T-shirts or cupcakes as a take-home favour.",
        ]),
        ("gift", [
            "A personalised photo book of shared memories.",
            "An experience — concert tickets, a cooking class or a day trip.",
            "A subscription box that matches their hobby.",
            "A handwritten letter paired with their favourite treat.",
            "A quality version of something they use every day.",
            "A plant and a nice pot for their desk or windowsill.",
            "A book you loved, with a note inside the cover.",
            "A DIY voucher book: breakfast in bed, a movie night, a day out.",
        ]),
        ("weekend", [
            "Explore a nearby town you have never visited.",
            "Try a new recipe and invite friends over to eat it.",
            "Go for a long hike or bike ride.",
            "Have a phone-free morning with a book and good coffee.",
            "Visit a museum or gallery.",
            "Start a small home project you have been putting off.",
            "Volunteer for a few hours at a local organisation.",
            "Host a board-game evening.",
        ]),
        ("date", [
            "Cook a new cuisine together at home.",
            "Go stargazing with a blanket and hot chocolate.",
            "Take a pottery or dance class.",
            "Visit a bookshop and pick books for each other.",
            "Have a picnic at sunset.",
            "Try a tasting menu at a small local restaurant.",
            "Do a puzzle or build something together.",
        ]),
        ("team", [
            "A cooking challenge in small teams.",
            "An escape room.",
            "A volunteering day for a local cause.",
            "A hackathon on a fun internal problem.",
            "A trivia quiz with mixed teams.",
            "A walking meeting or a short hike.",
            "Lunch-and-learn sessions where each person teaches a skill.",
        ]),
        ("dinner", [
            "Homemade pasta with a simple tomato and basil sauce.",
            "Sheet-pan chicken with roasted vegetables.",
            "Taco night with a build-your-own toppings bar.",
            "A big vegetable curry with rice.",
            "Grilled fish with lemon, herbs and a green salad.",
            "Stir-fried noodles with whatever vegetables you have.",
            "A hearty soup with crusty bread.",
        ]),
        ("project", [
            "A personal budget tracker that reads your bank's CSV export.",
            "A habit tracker with a simple streak counter.",
            "A recipe organiser that scales ingredients.",
            "A weather dashboard using a free public API.",
            "A command-line to-do app with due dates.",
            "A link shortener with click statistics.",
            "A flashcard app with spaced repetition.",
        ]),
    ];

    private static readonly string[] Intros = ["Here's a clear overview of {t}.", "Let's look at {t} from a few angles.", "Here is what matters most about {t}."];

    public AnswerDraft Write(PromptAnalysis p) => p.Kind switch
    {
        QuestionKind.Greeting => Greeting(),
        QuestionKind.SmallTalk => SmallTalk(p),
        QuestionKind.Math => Calculation(p),
        QuestionKind.Code => Code(p),
        QuestionKind.Poem => Poem(p),
        QuestionKind.Story => Story(p),
        QuestionKind.Joke => Joke(p),
        QuestionKind.Compare => Compare(p),
        QuestionKind.List => List(p),
        QuestionKind.Translation => Translate(p),
        QuestionKind.Summary => Summary(p),
        QuestionKind.Opinion or QuestionKind.Advice when p.CompareA is not null && p.CompareB is not null => Choice(p),
        QuestionKind.Opinion => Opinion(p),
        QuestionKind.Advice => Advice(p),
        QuestionKind.HowTo => HowTo(p),
        QuestionKind.Why => Why(p),
        QuestionKind.Definition => Definition(p),
        QuestionKind.YesNo => YesNo(p),
        QuestionKind.FollowUp => FollowUp(p),
        _ => Explain(p),
    };

    private AnswerDraft Greeting() => new()
    {
        Answer = Pick("Hello! How can I help you today?", "Hi there! What would you like to talk about?", "Hey! What can I do for you today?"),
        Terse = Pick("Hi. What do you need?", "Hello. What can I help with?"),
        Question = "What's on your mind today?",
        Plain = true,
    };

    private AnswerDraft SmallTalk(PromptAnalysis p)
    {
        var lower = p.Original.ToLowerInvariant();
        if (lower.Contains("who are you", StringComparison.Ordinal) || lower.Contains("what are you", StringComparison.Ordinal) || lower.Contains("name", StringComparison.Ordinal)
            || lower.Contains("model", StringComparison.Ordinal) || lower.Contains("are you", StringComparison.Ordinal) && !lower.StartsWith("how are you", StringComparison.Ordinal))
        {
            return new() { Answer = "I'm an AI assistant. I can explain things, write and review code, do quick calculations and help with writing. What would you like to do?", Terse = "An AI assistant. What do you need?", Plain = true, Question = "What would you like to try first?" };
        }

        if (lower.StartsWith("thank", StringComparison.Ordinal) || lower.StartsWith("thx", StringComparison.Ordinal) || lower.StartsWith("cheers", StringComparison.Ordinal))
        {
            return new() { Answer = Pick("You're welcome! Glad I could help.", "Happy to help! Let me know if anything else comes up."), Terse = "You're welcome.", Plain = true, Question = "Anything else I can help with?" };
        }

        if (lower.Contains("bye", StringComparison.Ordinal) || lower.Contains("good night", StringComparison.Ordinal) || lower.Contains("see you", StringComparison.Ordinal))
        {
            return new() { Answer = "Goodbye! Come back any time.", Terse = "Bye.", Plain = true, Question = "Talk soon?" };
        }

        if (lower.Contains("bored", StringComparison.Ordinal))
        {
            return new() { Answer = "Let's fix that: I can tell you a joke, give you a quick puzzle, or suggest something to do in the next ten minutes.", Terse = "Try a short walk, a puzzle, or ask me for a joke.", Plain = true, Question = "Joke, puzzle or idea?" };
        }

        if (lower.Contains("what can you do", StringComparison.Ordinal))
        {
            return new() { Answer = "I can explain topics, compare options, write code snippets, do quick maths and conversions, draft poems and stories, and summarise text.", Terse = "Explanations, code, maths, writing, summaries.", Plain = true, Question = "What would you like to start with?" };
        }

        return new() { Answer = Pick("I'm doing well, thanks for asking! How about you?", "All good here, thanks! What's on your mind?"), Terse = "Good, thanks. What do you need?", Plain = true, Question = "How's your day going?" };
    }

    private AnswerDraft Calculation(PromptAnalysis p)
    {
        var m = p.Math!;
        var answer = Bold(m.Answer);
        return new()
        {
            Answer = answer + ".",
            Intro = $"Let's work out {m.Question}.",
            Heading = "Working",
            Points = m.Steps,
            Closing = $"So the answer is {answer}.",
            Sequential = true,
            Question = "Want me to check another calculation?",
            Terse = $"{answer}.",
        };
    }

    private AnswerDraft Code(PromptAnalysis p)
    {
        var recipe = CodeSnippets.RecipeFor(p);
        var language = LanguageName(p.Language);
        return new()
        {
            Answer = $"Here's a {language} {(p.Language == "sql" ? "query" : "function")} that {recipe.Summary}.",
            Heading = "How it works",
            Points = recipe.Notes,
            Block = CodeSnippets.Fence(p, recipe),
            Closing = "Adapt the names to your project and add a test for the edge cases that matter to you.",
            Question = "Want me to add tests or walk through it line by line?",
        };
    }

    private AnswerDraft Poem(PromptAnalysis p)
    {
        var subject = p.HasTopic ? SwapPronouns(p.Phrase) : "a quiet morning";
        var lines = p.IsHaiku ? CreativeWriter.HaikuAbout(subject, random) : CreativeWriter.PoemAbout(subject, random);
        var poem = string.Join("  \n", lines);
        var form = p.IsHaiku ? "haiku" : "short poem";
        return new()
        {
            Answer = $"Here's a {form} about {subject}:",
            Heading = "About the poem",
            Points = p.IsHaiku
                ? ["Form: three lines of roughly 5, 7 and 5 syllables.", "It rests on one concrete image rather than an explanation.", "The last line shifts the mood slightly, as a haiku often does."]
                : [$"Form: {lines.Count} lines in rhyming couplets.", $"It treats {subject} as something small that carries a lot of feeling.", "The closing couplet turns the poem back to the reader."],
            Block = poem,
            Closing = "I can change the tone, make it longer, or try a different form.",
            Question = "Want another one with a different mood?",
            Terse = poem,
            Creative = true,
        };
    }

    private AnswerDraft Story(PromptAnalysis p)
    {
        var subject = p.HasTopic ? SwapPronouns(p.Phrase) : "a lost key";
        var (character, story) = CreativeWriter.StoryAbout(subject, random);
        return new()
        {
            Answer = $"Here's a short story about {subject}:",
            Heading = "Behind the story",
            Points = [$"Main character: {character}, who drives the search.", "Structure: a clear goal, a setback, then a twist in the last lines.", "Length: one paragraph, easy to read aloud."],
            Block = story,
            Closing = "I can make it longer, change the ending, or write it for a younger audience.",
            Question = "Should I continue the story or try a different twist?",
            Terse = story,
            Creative = true,
        };
    }

    private AnswerDraft Joke(PromptAnalysis p)
    {
        var joke = CreativeWriter.JokeAbout(p.Topic + " " + p.Original, random);
        return new()
        {
            Answer = "Here's one:",
            Heading = "Why it works",
            Points = ["It sets up an ordinary expectation.", "The punchline flips it with a double meaning."],
            Block = joke,
            Closing = "Humour is personal, so tell me if you want something sillier or drier.",
            Question = "Want another one?",
            Terse = joke,
            Creative = true,
        };
    }

    private AnswerDraft Compare(PromptAnalysis p)
    {
        var a = p.CompareA!;
        var b = p.CompareB!;
        var ka = p.KnowledgeA;
        var kb = p.KnowledgeB;
        var table = new StringBuilder($"| Aspect | {Cell(a)} | {Cell(b)} |\n| --- | --- | --- |\n");
        List<string> points;
        string answer;
        if (ka is not null && kb is not null && ka != kb)
        {
            table.Append($"| In short | {Cell(UpperFirst(ka.Gist))} | {Cell(UpperFirst(kb.Gist))} |\n");
            table.Append($"| Key point | {Cell(ka.Facts[0])} | {Cell(kb.Facts[0])} |\n");
            table.Append($"| Also | {Cell(ka.Facts[1])} | {Cell(kb.Facts[1])} |\n");
            answer = $"{a} {Verb(a)} {ka.Gist}, while {b} {Verb(b)} {kb.Gist}.";
            points = [$"{a}: {ka.Facts[Math2(ka, 2)]}", $"{b}: {kb.Facts[Math2(kb, 2)]}", $"Pick {a} or {b} based on what your use case needs most, not on popularity."];
        }
        else
        {
            table.Append($"| Getting started | Usually quicker to pick up | Rewards more upfront effort |\n");
            table.Append($"| Best for | Broad, everyday use | Specialised or demanding cases |\n");
            table.Append($"| Trade-off | Can need extra work as needs grow | Less flexible for quick experiments |\n");
            answer = $"{UpperFirst(a)} and {b} overlap, but they suit different needs.";
            points = [$"Choose {a} when you want a fast start and broad support.", $"Choose {b} when its particular strengths match your constraints.", "Try both on a small, real example: a day of hands-on use tells you more than any list."];
        }

        return new()
        {
            Answer = answer,
            Intro = $"Here's a side-by-side look at **{a}** and **{b}**.",
            Heading = "When to choose which",
            Points = points,
            Table = table.ToString().TrimEnd(),
            Closing = $"Neither {a} nor {b} is better in general; the right choice depends on what you need.",
            Question = $"What will you use it for? I can tell you which fits better.",
            Terse = $"{answer} Pick by your constraints.",
        };

        static int Math2(KnowledgeEntry e, int i) => Math.Min(i, e.Facts.Count - 1);
    }

    private AnswerDraft Choice(PromptAnalysis p)
    {
        var a = p.CompareA!;
        var b = p.CompareB!;
        var draft = Compare(p);
        return draft with
        {
            Answer = $"Both are reasonable, but I'd lean toward {a} if you want the easier start, and {b} if its strengths match what you're aiming for.",
            Intro = $"Good question: {a} or {b}? Here's how I'd decide.",
            Terse = $"{UpperFirst(a)} for an easier start; {b} if its strengths fit your goal.",
        };
    }

    private AnswerDraft Opinion(PromptAnalysis p)
    {
        var t = Topic(p);
        var facts = p.Knowledge?.Facts ?? [];
        return new()
        {
            Answer = $"I don't have personal tastes, but I can give you a balanced view of {t}.",
            Heading = "Things to weigh",
            Points = facts.Count > 0
                ? [.. facts.Take(3), $"Whether {t} is worth it for you depends on your goals."]
                : [$"What people like about {t} is usually what it does well in everyday use.", $"The common criticisms of {t} tend to come from edge cases or high expectations.", "Your own context — budget, time, taste — matters more than general opinion."],
            Closing = $"On balance, {t} is worth a try if it fits your situation; judge it on a small, real test.",
            Question = $"What's drawing you to {t}?",
        };
    }

    private AnswerDraft Advice(PromptAnalysis p)
    {
        var t = Topic(p);
        var facts = p.Knowledge?.Facts;
        return new()
        {
            Answer = facts is null ? $"Here's how I'd think about {t}." : $"Here's my advice on {t}: {facts[0]}",
            Heading = "My advice",
            Points = facts is null ? GenericAdvice : [.. facts],
            Closing = "Whatever you decide, start small and review how it's going after a few weeks.",
            Question = "What's your situation? I can tailor this.",
        };
    }

    private AnswerDraft List(PromptAnalysis p)
    {
        var t = p.HasTopic ? SwapPronouns(p.Phrase) : "this";
        var count = p.Count ?? 5;
        var pool = IdeaPools.FirstOrDefault(x => t.Contains(x.Key, StringComparison.OrdinalIgnoreCase)).Ideas
            ?? p.Knowledge?.Facts.ToArray()
            ?? GenericIdeas;
        var items = Shuffle(pool).Take(count).ToList();
        if (items.Count < count)
        {
            items.AddRange(Shuffle(GenericIdeas.Except(items).ToArray()).Take(count - items.Count));
        }

        var noun = NounFor(p.Original);
        return new()
        {
            Answer = $"Here are {count} {noun} for {t}:",
            Heading = UpperFirst(noun),
            Points = [.. items.Select(FormatIdea)],
            PointsAreTheList = true,
            Closing = $"Pick the one that fits your time and budget, and adapt it to the people involved.",
            Question = "Want me to expand any of these into a full plan?",
        };
    }

    private AnswerDraft Translate(PromptAnalysis p)
    {
        var tr = p.Translation!;
        if (tr.Rendering is not null)
        {
            return new()
            {
                Answer = $"In {tr.Language}, \"{tr.Phrase}\" is **{tr.Rendering}**.",
                Heading = "Notes",
                Points = ["This is the common, neutral form; context and formality can change the best choice.", "I can't verify pronunciation here, so a native speaker or dictionary is worth a quick check."],
                Closing = $"\"{tr.Phrase}\" → {tr.Rendering}.",
                Question = "Want a few related phrases too?",
                Terse = $"{tr.Rendering}",
            };
        }

        return new()
        {
            Answer = $"I can't reliably translate \"{tr.Phrase}\" into {tr.Language} here, and I'd rather not guess.",
            Heading = "What you can do",
            Points = ["Use a dedicated dictionary or translation tool for the full sentence.", "Translate key words separately and check them in context.", "Ask a native speaker to review anything important."],
            Closing = "For short everyday words and greetings I can help directly.",
            Question = "Want me to try a simpler phrase?",
        };
    }

    private AnswerDraft Summary(PromptAnalysis p)
    {
        var text = p.TextToSummarize!;
        var sentences = TextTools.Sentences(text);
        var terms = TextTools.KeyTerms(text, 4);
        var first = sentences.Count > 0 ? sentences[0] : text;
        return new()
        {
            Answer = $"In short: {first}",
            Heading = "Main points",
            Points = [.. sentences.Take(3).Select(s => s.EndsWith('.') || s.EndsWith('!') || s.EndsWith('?') ? s : s + "."), $"Key terms: {string.Join(", ", terms)}."],
            Closing = $"The text is about {string.Join(" and ", terms.Take(2))}.",
            Question = "Want a shorter or more detailed version?",
            Terse = $"{first}",
        };
    }

    private AnswerDraft HowTo(PromptAnalysis p)
    {
        var t = Topic(p);
        var facts = p.Knowledge?.Facts;
        var how = p.IsAction ? $"how to {t}" : $"a practical approach to {t}";
        return new()
        {
            Answer = facts is null ? $"Here's {how}." : p.IsAction ? $"To {t}, start here: {facts[0]}" : $"The key to {t}: {facts[0]}",
            Intro = $"Here's {how}.",
            Heading = "Steps",
            Points = facts is null ? GenericSteps : [.. facts],
            Sequential = facts is null,
            Closing = "Take it one step at a time: small, consistent changes add up faster than you'd expect.",
            Question = "Which step would you like more detail on?",
        };
    }

    private AnswerDraft Why(PromptAnalysis p)
    {
        var facts = p.Knowledge?.Facts;
        var clause = p.Clause ?? (p.HasTopic ? p.Topic : "this happens");
        return new()
        {
            Answer = facts is null ? $"There's rarely a single reason why {clause}, but a few factors usually explain it." : $"Short answer: {facts[0]}",
            Intro = $"There are a few reasons why {clause}.",
            Heading = facts is null ? "Key reasons" : "Key facts",
            Points = facts is null ? GenericReasons : [.. facts],
            Closing = facts is null ? $"If you share more context, I can pin down the specific mechanism behind why {clause}." : $"In short, {p.Knowledge!.Name} {Verb(p.Knowledge.Name)} {p.Knowledge.Gist}.",
            Question = "Want me to go a level deeper?",
        };
    }

    private AnswerDraft Definition(PromptAnalysis p)
    {
        var t = Topic(p);
        var e = p.Knowledge;
        return new()
        {
            Answer = e is null ? $"\"{t}\" usually names a specific idea within its field, and its exact meaning depends on context." : $"**{UpperFirst(e.Name)}**: {e.Gist}.",
            Heading = "In more detail",
            Points = e is null ? GenericWhat.Take(3).Select(s => Fill(s, t)).ToList() : [.. e.Facts.Take(3)],
            Closing = e is null ? $"If you tell me where you saw \"{t}\", I can give you the precise definition." : $"So {e.Name} {Verb(e.Name)} {e.Gist}.",
            Question = "Want an example of it in use?",
        };
    }

    private AnswerDraft YesNo(PromptAnalysis p)
    {
        var t = Topic(p);
        var e = p.Knowledge;
        return new()
        {
            Answer = e is null ? "It depends on the details, so there's no single yes or no that fits every case." : $"It depends on the details, but here's what's well established about {e.Name}: {LowerFirst(e.Facts[0])}",
            Heading = "What to consider",
            Points = e is null
                ? [$"In many everyday situations the answer about {t} leans one way, but edge cases matter.", "Look at the specifics: who, where and under what conditions.", "A reliable, up-to-date source is the best way to confirm it for your case."]
                : [.. e.Facts.Skip(1)],
            Closing = "So the honest answer is: it depends, and the points above tell you which way it leans.",
            Question = "Can you tell me a bit more about your situation?",
        };
    }

    private AnswerDraft FollowUp(PromptAnalysis p)
    {
        var t = p.Knowledge?.Name ?? Topic(p);
        var facts = p.Knowledge?.Facts ?? GenericWhat.Select(s => Fill(s, t)).ToArray();
        var more = facts.Skip(2).Concat(facts.Take(2)).ToList();
        var (answer, points) = p.FollowUpMode switch
        {
            "example" => ($"Sure, here's a concrete example of {t}.", new List<string> { $"Example: {facts[0]}", $"What it shows: {LowerFirst(facts[Math.Min(1, facts.Count - 1)])}" }),
            "simpler" => ($"In simpler terms: {LowerFirst(facts[0])}", new List<string> { $"Think of it like this: {LowerFirst(facts[Math.Min(1, facts.Count - 1)])}" }),
            "why" => ($"Going back to {t}: the reason is that {LowerFirst(facts[0])}", more.Take(2).ToList()),
            _ => ($"Building on what we said about {t}, here's more.", more.Take(3).ToList()),
        };
        return new()
        {
            Answer = answer,
            Heading = $"More on {t}",
            Points = points,
            Closing = $"That rounds out the picture of {t}.",
            Question = $"Anything else about {t} you'd like to dig into?",
        };
    }

    private AnswerDraft Explain(PromptAnalysis p)
    {
        var e = p.Knowledge;
        var t = e?.Name ?? Topic(p);
        return new()
        {
            Answer = e is null ? $"{UpperFirst(t)} is a broad subject, so here's the general picture." : $"{UpperFirst(e.Name)} {Verb(e.Name)} {e.Gist}.",
            Intro = p.PreviousTopic is { } previous && previous != t ? $"Here's {t}, to set alongside what we said about {previous}." : Fill(Pick(Intros), t),
            Points = e is null ? GenericWhat.Select(s => Fill(s, t)).ToList() : [.. e.Facts],
            Closing = e is null ? $"Tell me which part of {t} matters to you and I'll go deeper." : $"In short, {e.Name} {Verb(e.Name)} {e.Gist}.",
            Question = $"Want me to go deeper into any part of {t}?",
            Terse = e is null ? $"{UpperFirst(t)}: start from its core ideas and a concrete example. Which part do you need?" : null,
        };
    }

    private static string Verb(string name) =>
        name.EndsWith('s') && !name.EndsWith("ss", StringComparison.Ordinal) && !name.EndsWith("sis", StringComparison.Ordinal) && name != "DNS" ? "are" : "is";

    private static string Topic(PromptAnalysis p) => p.HasTopic ? SwapPronouns(p.Topic) : "this";

    private static string SwapPronouns(string s) => string.Join(' ', s.Split(' ').Select(w => w switch
    {
        "my" => "your",
        "i" or "I" => "you",
        "me" => "you",
        "mine" => "yours",
        "myself" => "yourself",
        "i'm" or "I'm" => "you're",
        "am" => "are",
        _ => w,
    }));

    private static string NounFor(string original)
    {
        var lower = original.ToLowerInvariant();
        foreach (var noun in new[] { "ideas", "tips", "ways", "examples", "suggestions", "reasons", "facts", "names", "steps", "options", "activities", "gifts", "places", "habits" })
        {
            if (lower.Contains(noun, StringComparison.Ordinal))
            {
                return noun;
            }
        }

        return "ideas";
    }

    private static string FormatIdea(string idea)
    {
        var dash = idea.IndexOf(" — ", StringComparison.Ordinal);
        return dash > 0 ? $"**{idea[..dash]}:** {UpperFirst(idea[(dash + 3)..])}" : idea;
    }

    private List<string> Shuffle(string[] source) => [.. source.OrderBy(_ => random.Next())];

    private string Pick(params string[] options) => options[random.Next(options.Length)];

    private static string Fill(string template, string topic) => template.Replace("{t}", topic, StringComparison.Ordinal);

    private static string Bold(string s) => $"**{s}**";

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);

    public static string LanguageName(string language) => language switch
    {
        "csharp" => "C#",
        "javascript" => "JavaScript",
        "typescript" => "TypeScript",
        "sql" => "SQL",
        "go" => "Go",
        var other => UpperFirst(other),
    };

    public static string UpperFirst(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static string LowerFirst(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) && !s.StartsWith("I ", StringComparison.Ordinal) ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
