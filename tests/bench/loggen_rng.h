#pragma once
// Small, fast, seedable random source for the log generator. std::mt19937 and the
// std distributions are slower and their output is not specified across standard
// libraries; a fixed xoshiro256** keeps `--seed N` byte-identical everywhere.

#include <cstdint>

namespace rejectscope::loggen {

class Rng
{
public:
    explicit Rng(std::uint64_t seed)
    {
        // splitmix64 spreads any seed (even 0) over the whole state.
        for (auto &word : m_state) {
            seed += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            word = z ^ (z >> 31);
        }
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, n) by multiply-shift (Lemire): no division on the hot path.
    std::uint32_t below(std::uint32_t n)
    {
        return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
    }

    // Uniform in [lo, hi], both inclusive.
    std::int64_t between(std::int64_t lo, std::int64_t hi)
    {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<std::int64_t>(next() % span);
    }

    bool percent(std::uint32_t p) { return below(100) < p; }
    bool permille(std::uint32_t p) { return below(1000) < p; }

    // A skewed index in [0, n): small indices are much more likely (u^2), which
    // gives the few-big-many-small shape of real correspondents.
    std::uint32_t skewed(std::uint32_t n)
    {
        const std::uint64_t u = next() >> 43; // 21 bits
        const std::uint64_t square = u * u >> 21;
        return static_cast<std::uint32_t>((square * n) >> 21);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_state[4] {};
};

} // namespace rejectscope::loggen
