namespace VllmSim.Generation;

/// <summary>Hand-written haiku, short poems, stories and jokes, chosen and filled in deterministically.</summary>
internal static class CreativeWriter
{
    private static readonly (string Key, string[][] Poems)[] Haiku =
    [
        ("autumn", [["Crimson leaves let go", "the maple counts its losses", "in the cooling wind"], ["Harvest moon rising", "a scarecrow guards the stubble", "geese write south in ink"]]),
        ("fall", [["Crimson leaves let go", "the maple counts its losses", "in the cooling wind"]]),
        ("spring", [["Cherry blossoms fall", "a soft pink rain on the path", "the old pond wakes up"], ["Thawing creek whispers", "green shoots push through last year's leaves", "a robin tests song"]]),
        ("winter", [["Snow hushes the street", "one lamp glows on the corner", "breath hangs in the air"], ["Frost on the window", "the kettle sings to the cold", "footprints fill with snow"]]),
        ("summer", [["Long light on the lake", "cicadas hum in the heat", "peaches drip on chins"]]),
        ("ocean", [["Waves fold into foam", "the tide pulls back its blue sheet", "gulls argue with wind"]]),
        ("sea", [["Waves fold into foam", "the tide pulls back its blue sheet", "gulls argue with wind"]]),
        ("moon", [["Pale moon on the pond", "a frog breaks the silver disc", "then it mends itself"]]),
        ("rain", [["Rain taps on the roof", "the gutters hum a low tune", "puddles hold the sky"]]),
        ("coffee", [["Steam curls from the cup", "dark roast wakes the sleepy house", "morning finds its voice"]]),
        ("cat", [["Sunbeam on the rug", "the cat rearranges light", "one slow blink, then sleep"]]),
        ("code", [["Cursor blinks, then waits", "one missing semicolon", "the build turns green, peace"]]),
        ("programming", [["Cursor blinks, then waits", "one missing semicolon", "the build turns green, peace"]]),
        ("mountain", [["Granite shoulders rise", "clouds snag on the pine-dark ridge", "the trail climbs in silence"]]),
        ("love", [["Two cups on the sill", "your laugh still warm in the room", "the tea going cold"]]),
        ("city", [["Neon in puddles", "taxis stitch the midnight streets", "a saxophone sighs"]]),
        ("night", [["Stars salt the dark sky", "the house breathes in its slow sleep", "a dog dreams of fields"]]),
    ];

    private static readonly string[][] GenericHaiku =
    [
        ["Quiet {s} —", "a small light moves through the hours", "the day holds its breath"],
        ["Thinking of {s}", "the kettle hums, the clock ticks", "the window turns gold"],
        ["Morning, and {s}", "a thin thread of sun comes in", "everything waits, still"],
    ];

    private static readonly string[][] Poems =
    [
        [
            "When {s} drifts into my mind,",
            "I leave the hurried day behind;",
            "it hums beneath the common noise,",
            "a quiet source of steady joys.",
            "So here's to {s}, small and bright,",
            "a lantern for an ordinary night.",
        ],
        [
            "I wrote a line for {s} today,",
            "then watched the careful words give way;",
            "some things are bigger than a rhyme,",
            "and grow more curious with time.",
            "Still, every verse I try to start",
            "comes back to {s}, and to the heart.",
        ],
        [
            "There's something in {s} I can't explain,",
            "like sunlight caught in falling rain;",
            "it asks for nothing, stays a while,",
            "and leaves behind a quiet smile.",
        ],
    ];

    private static readonly string[] Names = ["Mara", "Theo", "Ines", "Bram", "Lila", "Otto", "Juno", "Felix"];

    private static readonly string[] Stories =
    [
        "{N} had spent years searching for {s}. Every map led somewhere close, and every guide swore the next valley was the one. On the last night of the journey, tired and out of ideas, {N} sat by the fire and opened the old notebook a grandmother had left behind. The first page, in faded ink, described {s} exactly, along with a drawing of the very house {N} had grown up in. It had been waiting at home the whole time.",
        "Everyone in the village agreed that {s} was the most ordinary thing imaginable, so nobody paid attention when {N}, a quiet clockmaker, began studying it. For a year {N} took notes, built odd little machines and ignored the jokes. Then one morning every clock in the village stopped at once, except the one in {N}'s shop. When the neighbours crowded in to ask why, {N} simply smiled: \"I listened to {s}. It had been keeping time better than any of us.\"",
        "{N} was sure the stranger on the night train knew something about {s}. They talked for hours, about journeys, about regrets, about the one thing each of them would change. As the train pulled into the last station, the stranger handed {N} a ticket stub dated thirty years in the future, with {N}'s own handwriting on the back: \"Trust {s}. It works out.\"",
    ];

    private static readonly (string Key, string Joke)[] Jokes =
    [
        ("programmer", "Why do programmers prefer dark mode? Because light attracts bugs."),
        ("programming", "Why do programmers prefer dark mode? Because light attracts bugs."),
        ("code", "I told my code a joke about recursion. It told me a joke about recursion. It told me a joke about recursion…"),
        ("computer", "Why did the computer go to the doctor? It had a virus, and its screen looked pale."),
        ("math", "Why was six afraid of seven? Because seven eight nine."),
        ("cat", "Why don't cats play poker in the jungle? Too many cheetahs."),
        ("dog", "What do you call a dog magician? A labracadabrador."),
        ("coffee", "How does a coffee bean say goodbye? \"It's been a latte fun, but I must espresso my departure.\""),
        ("science", "I'd tell you a chemistry joke, but I know I wouldn't get a reaction."),
        ("chemistry", "I'd tell you a chemistry joke, but I know I wouldn't get a reaction."),
        ("atom", "Why can't you trust an atom? Because they make up everything."),
        ("physics", "Why can't you trust an atom? Because they make up everything."),
        ("space", "How do you organise a party in space? You planet."),
        ("food", "I'm reading a book about anti-gravity. It's impossible to put down. Also, I ate it, which was a mistake."),
        ("music", "Why did the musician get locked out? Because they couldn't find the right key."),
        ("skeleton", "Why don't skeletons fight each other? They don't have the guts."),
        ("history", "Why are history teachers always calm? Because they know the past is behind them."),
        ("weather", "What did one raindrop say to the other? Two's company, three's a cloud."),
        ("sql", "A SQL query walks into a bar, goes up to two tables and asks: \"Can I join you?\""),
        ("database", "A SQL query walks into a bar, goes up to two tables and asks: \"Can I join you?\""),
    ];

    private static readonly string[] GenericJokes =
    [
        "I asked the librarian for a book about paranoia. She whispered, \"It's right behind you.\"",
        "Why don't scientists trust atoms? Because they make up everything.",
        "I'm on a seafood diet. I see food, and I eat it.",
        "Why did the scarecrow win an award? Because he was outstanding in his field.",
    ];

    public static bool HasDedicatedHaiku(string subject) => Haiku.Any(h => subject.Contains(h.Key, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<string> HaikuAbout(string subject, Random random)
    {
        foreach (var (key, poems) in Haiku)
        {
            if (subject.Contains(key, StringComparison.OrdinalIgnoreCase))
            {
                return poems[random.Next(poems.Length)];
            }
        }

        return [.. GenericHaiku[random.Next(GenericHaiku.Length)].Select(l => Fill(l, subject))];
    }

    public static IReadOnlyList<string> PoemAbout(string subject, Random random) =>
        [.. Poems[random.Next(Poems.Length)].Select(l => Fill(l, subject))];

    public static (string Character, string Story) StoryAbout(string subject, Random random)
    {
        var name = Names[random.Next(Names.Length)];
        var story = Stories[random.Next(Stories.Length)].Replace("{N}", name, StringComparison.Ordinal);
        return (name, Fill(story, subject));
    }

    public static string JokeAbout(string subject, Random random)
    {
        var matches = Jokes.Where(j => subject.Contains(j.Key, StringComparison.OrdinalIgnoreCase)).Select(j => j.Joke).Distinct().ToList();
        return matches.Count > 0 ? matches[random.Next(matches.Count)] : GenericJokes[random.Next(GenericJokes.Length)];
    }

    private static string Fill(string line, string subject)
    {
        var filled = line.Replace("{s}", subject, StringComparison.Ordinal);
        return filled.Length > 0 ? char.ToUpperInvariant(filled[0]) + filled[1..] : filled;
    }
}
